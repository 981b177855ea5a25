// Where a container of a swarm runs: the manager knows every task's node and container id, so a
// container id (or a service and slot) leads to the node, and from there to that node's agent.
import type Dockerode from 'dockerode';

export type TaskRef = { container: string } | { service: string; slot?: number };

export interface SwarmTask {
  id: string;
  serviceId: string;
  slot?: number;
  nodeId: string;
  containerId?: string;
  state: string;
}

type ListedTask = {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { State?: string; ContainerStatus?: { ContainerID?: string } };
};

/** The tasks the manager wants running (of one service when named), newest state first as listed. */
export async function runningTasks(manager: Dockerode, service?: string): Promise<SwarmTask[]> {
  const filters: Record<string, string[]> = { 'desired-state': ['running'] };
  if (service) filters.service = [service];
  const listed = (await manager.listTasks({ filters })) as ListedTask[];
  return listed
    .filter((t) => t.NodeID)
    .map((t) => ({
      id: t.ID,
      serviceId: t.ServiceID,
      slot: t.Slot,
      nodeId: t.NodeID as string,
      containerId: t.Status?.ContainerStatus?.ContainerID,
      state: t.Status?.State ?? 'unknown',
    }));
}

/**
 * The task `ref` names among `tasks`: by container id (or a prefix of 12+ characters, as Docker
 * prints it), or by slot (the only running one when no slot is given). Prefers a running task.
 */
export function pickTask(tasks: SwarmTask[], ref: TaskRef): SwarmTask | undefined {
  const candidates =
    'container' in ref
      ? ref.container.length >= 12
        ? tasks.filter((t) => t.containerId?.startsWith(ref.container))
        : []
      : tasks.filter((t) => ref.slot === undefined || t.slot === ref.slot);
  return candidates.find((t) => t.state === 'running') ?? candidates[0];
}

export async function locateTask(manager: Dockerode, ref: TaskRef): Promise<SwarmTask | undefined> {
  return pickTask(await runningTasks(manager, 'service' in ref ? ref.service : undefined), ref);
}
