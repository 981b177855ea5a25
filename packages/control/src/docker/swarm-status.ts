// A swarm VDC's status in the single-host shape vdc-status.ts reads (engine-mode.ts decides):
// each service's tasks as its "containers", one per replica slot, with the NODE it runs on (the
// editor shows where each replica runs); each edge listener service with the node it publishes on.
// An appliance pinned to a node by its data (the `colo.node` label names the node id) says which
// node that is and whether it is lost: nothing on a lost node is silently gone (issue 10).
import { LABEL, SWARM_LABEL, type SwarmApi, swarmVdcStatus, type VdcStatus } from '@colo/engine';
import { vdcScope } from './engine-access';
import { getSwarmEngine } from './engine-mode';

type SwarmNode = Awaited<ReturnType<SwarmApi['listNodes']>>[number];

export type NodeContainerStatus = VdcStatus['appliances'][number]['containers'][number] & { node?: string };

/** The node holding an appliance's instance volumes; `lost`: down, drained or gone from the swarm. */
export interface DataNode {
  nodeId: string;
  hostname: string;
  lost: boolean;
  /** Why it is lost, as said after "which is": `down`, `drained`, `gone from the swarm`. */
  reason?: string;
}

export type SwarmApplianceStatus = { name: string; class: string; containers: NodeContainerStatus[]; data?: DataNode };
export type SwarmStatus = Omit<VdcStatus, 'appliances'> & { appliances: SwarmApplianceStatus[] };

/**
 * Where a pinned appliance's data is, from its pin (a node id) and the swarm's nodes. A node that
 * is not `ready` (down, unknown, disconnected) cannot serve its volumes; a drained one runs
 * nothing; one no longer listed was removed. Each is lost until the data is moved or restored.
 */
export function dataNode(pin: string | undefined, nodes: readonly SwarmNode[]): DataNode | undefined {
  if (!pin) return undefined;
  const node = nodes.find((n) => n.ID === pin) ?? nodes.find((n) => n.Description.Hostname === pin);
  if (!node) return { nodeId: pin, hostname: pin, lost: true, reason: 'gone from the swarm' };
  const hostname = node.Description.Hostname || node.ID;
  const at = { nodeId: node.ID, hostname };
  const state = node.Status.State.toLowerCase();
  if (state !== 'ready') return { ...at, lost: true, reason: state === 'unknown' || state === '' ? 'not answering' : state };
  if (node.Spec.Availability.toLowerCase() === 'drain') return { ...at, lost: true, reason: 'drained' };
  return { ...at, lost: false };
}

export async function swarmStatus(vdc: { id: string }): Promise<SwarmStatus> {
  const { api } = getSwarmEngine();
  const services = await swarmVdcStatus(api, vdcScope(vdc));
  // The nodes are read only when something is pinned: most status polls need no second call.
  const pinned = services.some((s) => s.role !== 'edge' && s.labels[SWARM_LABEL.node]);
  const nodes = pinned ? await api.listNodes() : [];
  const appliances = services
    .filter((s) => s.role !== 'edge')
    .map((s): SwarmApplianceStatus => ({
      name: s.appliance,
      class: s.labels[LABEL.class] ?? '',
      containers: s.tasks.map(
        (t): NodeContainerStatus => ({
          id: t.taskId,
          name: `${s.name}.${t.replica}`,
          replica: t.replica,
          state: t.state as NodeContainerStatus['state'],
          health: t.health as NodeContainerStatus['health'],
          restarts: 0,
          standby: s.labels[LABEL.standby] === 'true',
          ports: [],
          node: t.node,
          ...(t.problem ? { problem: t.problem } : {}),
        }),
      ),
      ...(pinned && s.labels[SWARM_LABEL.node] ? { data: dataNode(s.labels[SWARM_LABEL.node], nodes) } : {}),
    }));
  const edge = services
    .filter((s) => s.role === 'edge')
    .map((s) => {
      const task = s.tasks[0];
      return {
        name: s.name,
        // Published in host mode on every address of its node: the node is what a person needs.
        hostIp: task?.node ?? s.pinnedNode ?? '',
        hostPort: Number(s.labels[LABEL.edgePort] ?? 0),
        state: (task?.state ?? 'exited') as NodeContainerStatus['state'],
        health: (task?.health ?? 'none') as NodeContainerStatus['health'],
        target: { appliance: s.appliance, terminal: s.labels[LABEL.terminal] ?? '' },
      };
    });
  return { vdcId: vdc.id, appliances, edge, networks: [], volumes: [] };
}
