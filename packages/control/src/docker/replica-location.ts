// Where a VDC's replicas are, for the day-two tools (terminals, logs, metrics), on one host and
// on a swarm alike: each answer carries the engine to use with it. On one host that is Colo's
// own engine. On a swarm the manager knows every task's node and container id, and each node is
// reached through nodeEngine (the node agent; the manager's own node through Colo's engine, which
// also works while it is drained).
import { type ContainerSummary, LABEL, type NodeEngine, type Runtime, SHARE_LABEL, type SwarmNodeRecord, vdcLabelFilter } from '@colo/engine';
import type { Vdc } from '@colo/db';
import { engineConfig, getRuntime } from './engine-access';
import { getSwarmEngine, nodeEngine, vdcEngineMode } from './engine-mode';
import { chooseReplica, replicaOf, taskCandidates } from './swarm-replicas';

/** Where one node's containers are read: its Runtime, and its Docker API (undefined: Colo's own, the default). */
export interface EngineOnNode {
  /** The swarm node's id; undefined on one host. */
  nodeId?: string;
  runtime: Runtime;
  docker?: NodeEngine['docker'];
}

export interface ReplicaLocation extends EngineOnNode {
  replica: number;
  containerId: string;
  /** The container's name, for titles and the audit log. */
  container: string;
}

/** A container of a VDC with its replica number and the engine it is on. */
export interface VdcContainer extends ContainerSummary {
  replica: number;
  engine: EngineOnNode;
}

/** The engine of a swarm node: Colo's own for the manager Colo talks to, the node's otherwise. */
function nodeEngines(host: Runtime, doing: string): (nodeId: string) => Promise<EngineOnNode> {
  let own: Promise<string> | undefined;
  return async (nodeId) => {
    own ??= getSwarmEngine()
      .api.info()
      .then((i) => i.nodeId);
    if (nodeId === (await own)) return { nodeId, runtime: host };
    const engine = await nodeEngine(nodeId, doing);
    return { nodeId, runtime: engine.runtime, docker: engine.docker };
  };
}

/** An appliance's own services (not a share's, not the edge's) of the VDC on the swarm. */
async function applianceServices(vdcId: string, appliance?: string): Promise<string[]> {
  const labels = [...vdcLabelFilter({ instance: engineConfig().instance, vdcId }), ...(appliance ? [`${LABEL.appliance}=${appliance}`] : [])];
  const services = await getSwarmEngine().api.listServices(labels);
  return services.filter((s) => !s.Spec.Labels?.[SHARE_LABEL.share] && !s.Spec.Labels?.[LABEL.role]).map((s) => s.Spec.Name);
}

/**
 * Replica `replica` (the lowest running one when undefined) of `appliance`: its container and
 * the engine that runs it. Refused in words when it is missing or not running. `host` is the
 * single host's engine (the worker's own).
 */
export async function locateReplica(vdc: Pick<Vdc, 'id' | 'name'>, appliance: string, replica: number | undefined, host: Runtime = getRuntime()): Promise<ReplicaLocation> {
  const where = `${appliance} in VDC "${vdc.name}"`;
  if ((await vdcEngineMode(vdc)).mode === 'single') {
    const filters = [...vdcLabelFilter({ instance: engineConfig().instance, vdcId: vdc.id }), `${LABEL.appliance}=${appliance}`];
    const containers = (await host.listContainers(filters))
      .filter((c) => c.labels[LABEL.role] === undefined)
      .map((c) => ({ ...c, replica: Number(c.labels[LABEL.replica]) }))
      .filter((c) => Number.isInteger(c.replica));
    const chosen = chooseReplica(containers, replica, where);
    return { runtime: host, replica: chosen.replica, containerId: chosen.id, container: chosen.name };
  }
  const [service] = await applianceServices(vdc.id, appliance);
  const tasks = service ? await getSwarmEngine().api.listTasks({ service: [service], desiredState: ['running'] }) : [];
  const chosen = chooseReplica(service ? taskCandidates(tasks) : [], replica, where);
  const engine = await nodeEngines(host, `open a terminal in ${appliance} replica ${chosen.replica}`)(chosen.task.nodeId);
  return { ...engine, replica: chosen.replica, containerId: chosen.task.containerId as string, container: `${service}.${chosen.replica}.${chosen.task.id}` };
}

/**
 * The VDC's appliance containers (of one appliance, one replica when asked), running or not, on
 * every node its services' tasks were placed on. A node that does not answer is left out: its
 * containers are read again once it is back (a follow rescans).
 */
export async function vdcContainers(vdc: Pick<Vdc, 'id'>, filter: { appliance?: string; replica?: number } = {}): Promise<VdcContainer[]> {
  const host = getRuntime();
  const labels = [...vdcLabelFilter({ instance: engineConfig().instance, vdcId: vdc.id }), filter.appliance ? `${LABEL.appliance}=${filter.appliance}` : LABEL.appliance];
  if ((await vdcEngineMode(vdc)).mode === 'single') {
    const replicaLabel = filter.replica === undefined ? LABEL.replica : `${LABEL.replica}=${filter.replica}`;
    return (await host.listContainers([...labels, replicaLabel])).map((c) => ({ ...c, replica: Number(c.labels[LABEL.replica]) || 0, engine: { runtime: host } }));
  }
  const services = await applianceServices(vdc.id, filter.appliance);
  if (services.length === 0) return [];
  // Every task Swarm still keeps (its history too): their containers' logs are the appliance's past.
  const tasks = await getSwarmEngine().api.listTasks({ service: services });
  const nodes = [...new Set(tasks.flatMap((t) => (t.NodeID ? [t.NodeID] : [])))];
  const engineOf = nodeEngines(host, 'read the logs of a VDC on the swarm');
  const perNode = await Promise.all(
    nodes.map(async (nodeId) => {
      try {
        const engine = await engineOf(nodeId);
        return (await engine.runtime.listContainers(labels)).flatMap((c) => {
          const replica = replicaOf(c.labels);
          if (c.labels[LABEL.role] !== undefined || replica === undefined) return [];
          return filter.replica === undefined || replica === filter.replica ? [{ ...c, replica, engine }] : [];
        });
      } catch {
        return [];
      }
    }),
  );
  return perNode.flat();
}

/** The nodes a sampler reads: what `sampledEngines` needs of the swarm's node list. */
export function sampledNodeIds(nodes: SwarmNodeRecord[], ownNodeId: string): string[] {
  // A drained node runs no appliance (and no agent); the manager's own is read through Colo's engine.
  return nodes.filter((n) => n.ID === ownNodeId || (n.Status.State === 'ready' && n.Spec.Availability !== 'drain')).map((n) => n.ID);
}

/**
 * Every engine whose containers the metrics sampler reads: Colo's own on one host; on a swarm,
 * each ready node's (the manager's through Colo's own, so plain containers deployed before the
 * swarm are read too). A node that cannot be reached is told to `skipped` and left out.
 */
export async function sampledEngines(skipped: (nodeId: string, error: Error) => void = () => {}): Promise<EngineOnNode[]> {
  const host = getRuntime();
  const { api } = getSwarmEngine();
  const info = await api.info();
  if (info.localNodeState !== 'active' || !info.controlAvailable) return [{ runtime: host }];
  const engineOf = nodeEngines(host, 'sample the metrics of the swarm');
  const engines = await Promise.all(
    sampledNodeIds(await api.listNodes(), info.nodeId).map((id) =>
      engineOf(id).catch((error: Error) => {
        skipped(id, error);
        return undefined;
      }),
    ),
  );
  return engines.filter((e): e is EngineOnNode => e !== undefined);
}
