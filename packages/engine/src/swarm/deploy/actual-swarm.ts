// What the swarm has for one VDC, asked of the manager alone: services and overlay networks by
// Colo's labels, the nodes, and how many Colo tasks each node runs (for placing pinned services).
import { LABEL, type VdcScope, vdcLabelFilter } from '../../labels';
import { SHARE_LABEL } from '../shares/share-names';
import type { SwarmApi, SwarmNodeRecord } from './swarm-api';
import type { ActualSwarm, SwarmNodeInfo } from './swarm-types';

export async function readActualSwarm(api: SwarmApi, scope: VdcScope): Promise<ActualSwarm> {
  const [info, services, networks, nodes, instanceServices] = await Promise.all([
    api.info(),
    api.listServices(vdcLabelFilter(scope)),
    api.listNetworks(vdcLabelFilter(scope)),
    api.listNodes(),
    api.listServices([`${LABEL.managed}=true`, `${LABEL.instance}=${scope.instance}`]),
  ]);
  const coloServices = new Set(instanceServices.map((s) => s.ID));
  // A share's server and network carry the VDC's labels too, but belong to the shares subsystem
  // (ensureShare / removeShare): the plan neither counts nor removes them.
  const own = <T>(labels: Record<string, string> | undefined, x: T) => (labels?.[SHARE_LABEL.share] ? [] : [x]);
  const tasks = await api.listTasks({ desiredState: ['running'] });
  const coloTasksPerNode = new Map<string, number>();
  const serviceName = new Map(services.map((s) => [s.ID, s.Spec.Name]));
  const serviceNodes = new Map<string, string[]>();
  for (const t of tasks) {
    const name = serviceName.get(t.ServiceID);
    if (name && t.NodeID) serviceNodes.set(name, [...new Set([...(serviceNodes.get(name) ?? []), t.NodeID])].sort());
    if (!t.NodeID || !coloServices.has(t.ServiceID)) continue;
    coloTasksPerNode.set(t.NodeID, (coloTasksPerNode.get(t.NodeID) ?? 0) + 1);
  }
  return {
    services: services.flatMap((s) => own(s.Spec.Labels, s)).map((s) => ({
      id: s.ID,
      version: s.Version.Index,
      name: s.Spec.Name,
      labels: s.Spec.Labels ?? {},
      replicas: s.Spec.Mode?.Replicated?.Replicas ?? 0,
      spec: s.Spec,
      stalledUpdate: s.UpdateStatus?.State?.endsWith('paused') ? `${s.UpdateStatus.State}: ${s.UpdateStatus.Message ?? ''}`.trim() : undefined,
    })),
    networks: networks.flatMap((n) => own(n.Labels, n)).map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels })),
    nodes: nodes.map(nodeInfo).sort((a, b) => a.hostname.localeCompare(b.hostname)),
    coloTasksPerNode,
    managerNodeId: info.nodeId,
    serviceNodes,
  };
}

export function nodeInfo(n: SwarmNodeRecord): SwarmNodeInfo {
  return {
    id: n.ID,
    hostname: n.Description.Hostname,
    role: n.Spec.Role === 'manager' ? 'manager' : 'worker',
    schedulable: n.Status.State === 'ready' && n.Spec.Availability === 'active',
    state: n.Status.State,
    availability: n.Spec.Availability,
    addr: n.Status.Addr ?? '',
    labels: n.Spec.Labels ?? {},
  };
}
