// What a VDC runs on a swarm, read from the manager: per service its tasks (one per replica slot
// Swarm wants running, else the latest of the slot), with state, health (Swarm says `running`
// only once the health check passed: a `starting` task is not healthy yet) and the node it is on.
import { LABEL, type VdcScope, vdcLabelFilter } from '../../labels';
import { SHARE_LABEL } from '../shares/share-names';
import type { SwarmApi, SwarmTaskInfo } from './swarm-api';
import { SWARM_LABEL } from './swarm-labels';

export interface SwarmReplicaStatus {
  taskId: string;
  replica: number;
  /** Docker's words for a container: running, created (starting), exited… */
  state: string;
  /** healthy | starting | unhealthy | none */
  health: string;
  nodeId: string;
  /** The node's hostname (what a person recognises), '' while unassigned. */
  node: string;
  problem?: string;
}

export interface SwarmServiceStatus {
  name: string;
  appliance: string;
  role: string;
  labels: Record<string, string>;
  replicas: number;
  /** The node a pinned service must run on (its volumes are there). */
  pinnedNode?: string;
  tasks: SwarmReplicaStatus[];
}

const STARTING = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);

function replicaStatus(t: SwarmTaskInfo, hostname: ReadonlyMap<string, string>): SwarmReplicaStatus {
  const s = t.Status.State;
  const state = s === 'running' ? 'running' : STARTING.has(s) ? 'created' : 'exited';
  const health = s === 'running' ? 'healthy' : STARTING.has(s) ? 'starting' : s === 'failed' || s === 'rejected' ? 'unhealthy' : 'none';
  const problem = s === 'failed' || s === 'rejected' ? (t.Status.Err ?? t.Status.Message) : undefined;
  return {
    taskId: t.ID,
    replica: t.Slot ?? 1,
    state,
    health,
    nodeId: t.NodeID ?? '',
    node: t.NodeID ? (hostname.get(t.NodeID) ?? t.NodeID) : '',
    ...(problem ? { problem } : {}),
  };
}

export async function swarmVdcStatus(api: SwarmApi, scope: VdcScope): Promise<SwarmServiceStatus[]> {
  const [services, nodes] = await Promise.all([api.listServices(vdcLabelFilter(scope)), api.listNodes()]);
  const own = services.filter((s) => !s.Spec.Labels?.[SHARE_LABEL.share]);
  if (own.length === 0) return [];
  const hostname = new Map(nodes.map((n) => [n.ID, n.Description.Hostname]));
  const tasks = await api.listTasks({ service: own.map((s) => s.Spec.Name) });
  return own.map((s) => {
    const labels = s.Spec.Labels ?? {};
    const mine = tasks.filter((t) => t.ServiceID === s.ID);
    // Per slot: the task Swarm wants running, else the most recent (why it stopped).
    const bySlot = new Map<number, SwarmTaskInfo>();
    for (const t of mine.sort((a, b) => (a.Status.Timestamp ?? '').localeCompare(b.Status.Timestamp ?? ''))) {
      const slot = t.Slot ?? 1;
      const held = bySlot.get(slot);
      if (!held || t.DesiredState === 'running' || held.DesiredState !== 'running') bySlot.set(slot, t);
    }
    const replicas = s.Spec.Mode?.Replicated?.Replicas ?? 0;
    const current = [...bySlot.values()].filter((t) => t.DesiredState === 'running' || (t.Slot ?? 1) <= replicas);
    const pinned = labels[SWARM_LABEL.node];
    return {
      name: s.Spec.Name,
      appliance: labels[LABEL.appliance] ?? s.Spec.Name,
      role: labels[LABEL.role] ?? '',
      labels,
      replicas,
      ...(pinned ? { pinnedNode: hostname.get(pinned) ?? pinned } : {}),
      tasks: current.map((t) => replicaStatus(t, hostname)).sort((a, b) => a.replica - b.replica),
    };
  });
}

/**
 * The swarm's answer to servingReplicas (edge/target-serving.ts): an appliance's replicas Swarm
 * wants running, and how many of them run past their health check. Listeners and shares do not
 * count; a standby appliance at 0 replicas serves nothing.
 */
export async function swarmServingReplicas(api: SwarmApi, scope: VdcScope, appliance: string): Promise<{ ready: number; total: number }> {
  const services = (await swarmVdcStatus(api, scope)).filter((s) => s.appliance === appliance && s.role !== 'edge');
  const tasks = services.flatMap((s) => s.tasks.filter((t) => t.replica <= s.replicas));
  return { ready: tasks.filter((t) => t.state === 'running' && t.health === 'healthy').length, total: tasks.length };
}

export interface SwarmReplicaHealth {
  vdcId: string;
  appliance: string;
  /** healthy: running past its health check; starting: on its way; down: wanted, not running. */
  state: 'healthy' | 'starting' | 'down';
}

/**
 * Every appliance replica this installation wants running on the swarm, across its VDCs, from one
 * list of services and one of tasks: for an overview of many VDCs at once. Listeners and shares
 * are not appliances; a replica Swarm has no task for yet is down.
 */
export async function swarmReplicaHealth(api: SwarmApi, instance: string): Promise<SwarmReplicaHealth[]> {
  const services = (await api.listServices([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`])).filter((s) => {
    const labels = s.Spec.Labels ?? {};
    return labels[LABEL.vdc] && labels[LABEL.appliance] && labels[LABEL.role] !== 'edge' && !labels[SHARE_LABEL.share];
  });
  if (services.length === 0) return [];
  const tasks = await api.listTasks({ service: services.map((s) => s.Spec.Name), desiredState: ['running'] });
  const out: SwarmReplicaHealth[] = [];
  for (const s of services) {
    const labels = s.Spec.Labels ?? {};
    const replica = { vdcId: labels[LABEL.vdc] as string, appliance: labels[LABEL.appliance] as string };
    const mine = tasks.filter((t) => t.ServiceID === s.ID);
    for (const t of mine) out.push({ ...replica, state: t.Status.State === 'running' ? 'healthy' : STARTING.has(t.Status.State) ? 'starting' : 'down' });
    for (let i = mine.length; i < (s.Spec.Mode?.Replicated?.Replicas ?? 0); i++) out.push({ ...replica, state: 'down' });
  }
  return out;
}
