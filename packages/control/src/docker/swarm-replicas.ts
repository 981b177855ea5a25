// The pure half of "where is this replica": which replica a container is (its label on one
// host, its task's slot on a swarm, where a service's replicas share one spec and so one set of
// labels), and which replica a terminal opens, refused in the same words on both.
import type { SwarmTask, SwarmTaskInfo } from '@colo/engine';
import { ColoError } from '../errors';

/** Swarm names a task's container `<service>.<slot>.<task id>` and labels it so. */
export const SWARM_TASK_NAME_LABEL = 'com.docker.swarm.task.name';

/** The replica number of a container of an appliance: `colo.replica`, else its swarm task's slot. */
export function replicaOf(labels: Readonly<Record<string, string>>): number | undefined {
  const own = Number(labels['colo.replica']);
  if (labels['colo.replica'] !== undefined && Number.isInteger(own) && own > 0) return own;
  const slot = /\.(\d+)\.[a-z0-9]+$/i.exec(labels[SWARM_TASK_NAME_LABEL] ?? '');
  return slot ? Number(slot[1]) : undefined;
}

/** A task as the manager lists it, in the node agent's terms (engine swarm/agent, pickTask). */
export function toSwarmTask(t: SwarmTaskInfo): SwarmTask | undefined {
  if (!t.NodeID) return undefined;
  return { id: t.ID, serviceId: t.ServiceID, slot: t.Slot, nodeId: t.NodeID, containerId: t.Status.ContainerStatus?.ContainerID, state: t.Status.State };
}

export interface ReplicaCandidate {
  replica: number;
  /** Docker's words: running, created, exited… (a swarm task's own: running, starting, pending…). */
  state: string;
}

/**
 * The replica a terminal opens among `candidates` (any order): the one asked for, else the
 * lowest running one. `where` names the appliance in the words of the refusal.
 */
export function chooseReplica<T extends ReplicaCandidate>(candidates: T[], asked: number | undefined, where: string): T {
  const sorted = [...candidates].sort((a, b) => a.replica - b.replica);
  if (sorted.length === 0) throw new ColoError('not_found', `${where} has no containers: deploy it first`);
  const chosen = asked === undefined ? sorted.find((c) => c.state === 'running') : sorted.find((c) => c.replica === asked);
  if (!chosen) {
    if (asked === undefined) throw new ColoError('bad_request', `no replica of ${where} is running: start it first`);
    const have = [...new Set(sorted.map((c) => c.replica))].join(', ');
    throw new ColoError('not_found', `${where} has no replica ${asked} (it has ${have})`);
  }
  if (chosen.state !== 'running') throw new ColoError('bad_request', `replica ${chosen.replica} of ${where} is ${chosen.state}, not running: start it first`);
  return chosen;
}

/**
 * The manager's tasks of one service as replica candidates: per slot the running one (its
 * container known), else the one Swarm is starting. A stopped service (0 replicas) has none.
 */
export function taskCandidates(tasks: SwarmTaskInfo[]): (ReplicaCandidate & { task: SwarmTask })[] {
  const bySlot = new Map<number, ReplicaCandidate & { task: SwarmTask }>();
  for (const info of tasks) {
    const task = toSwarmTask(info);
    if (!task || info.DesiredState !== 'running') continue;
    const replica = task.slot ?? 1;
    // Running before the manager knows its container: nothing to reach yet, so still starting.
    const state = task.state === 'running' && !task.containerId ? 'starting' : task.state;
    const held = bySlot.get(replica);
    if (!held || (state === 'running' && held.state !== 'running')) bySlot.set(replica, { replica, state, task });
  }
  return [...bySlot.values()];
}
