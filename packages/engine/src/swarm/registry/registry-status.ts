// Whether Colo's registry can serve the swarm, read through the manager only: the registry's
// task, a relay task on every node that can run work (a node without one cannot pull: e.g. the
// relay's image was never copied to it), and an answer from the registry through the manager's
// own relay (the engine's login to 127.0.0.1:5000, which GETs /v2/ through relay and registry).
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { RELAY_ADDRESS, registryServiceName, relayServiceName } from './registry-services';

export interface RegistryTask {
  nodeId: string;
  /** Swarm's task state: `running`, `pending`, `rejected`, … */
  state: string;
  /** Swarm's reason when it is not running (e.g. "No such image: colo/registry-relay:1"). */
  error?: string;
}

export interface RegistryStatus {
  registry?: RegistryTask;
  relays: RegistryTask[];
  /** Ready, active nodes with no running relay: they cannot pull from the registry. */
  nodesWithoutRelay: string[];
  /** The registry answered through the manager's relay. */
  answers: boolean;
}

interface Task {
  NodeID?: string;
  Status?: { State?: string; Err?: string };
  DesiredState?: string;
  UpdatedAt?: string;
}

export async function registryStatus(docker: Dockerode, instance: string): Promise<RegistryStatus> {
  const [registryTasks, relayTasks, nodes] = await Promise.all([
    tasksOf(docker, registryServiceName(instance)),
    tasksOf(docker, relayServiceName(instance)),
    docker.listNodes() as Promise<{ ID: string; Status?: { State?: string }; Spec?: { Availability?: string } }[]>,
  ]);
  const registry = pick(registryTasks);
  const relays = [...new Set(relayTasks.map((t) => t.NodeID ?? ''))].filter(Boolean).map((node) => pick(relayTasks.filter((t) => t.NodeID === node)) as RegistryTask);
  const serving = new Set(relays.filter((r) => r.state === 'running').map((r) => r.nodeId));
  const nodesWithoutRelay = nodes.filter((n) => n.Status?.State === 'ready' && n.Spec?.Availability === 'active' && !serving.has(n.ID)).map((n) => n.ID);
  const answers = registry?.state === 'running' && serving.size > 0 ? await answersThroughRelay(docker) : false;
  return { registry, relays, nodesWithoutRelay, answers };
}

/**
 * Until the registry runs, every node has a relay and the registry answers; `timeout` naming
 * what is missing otherwise (a relay's error says why its node cannot pull).
 */
export async function waitForRegistry(
  docker: Dockerode,
  instance: string,
  options: { timeoutMs?: number; signal?: AbortSignal; /** false: the manager's relay alone (enough to push). Default true. */ everyNode?: boolean } = {},
): Promise<RegistryStatus> {
  const until = Date.now() + (options.timeoutMs ?? 120_000);
  const everyNode = options.everyNode ?? true;
  for (;;) {
    const status = await registryStatus(docker, instance);
    if (status.answers && (!everyNode || status.nodesWithoutRelay.length === 0)) return status;
    if (options.signal?.aborted) throw new EngineError('aborted', 'waiting for the registry: aborted');
    if (Date.now() > until) throw new EngineError('timeout', `the registry is not ready: ${describeRegistryStatus(status)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function describeRegistryStatus(status: RegistryStatus): string {
  const parts: string[] = [];
  if (status.registry?.state !== 'running') parts.push(`registry ${status.registry ? `${status.registry.state}${status.registry.error ? ` (${status.registry.error})` : ''}` : 'has no task'}`);
  else if (!status.answers) parts.push('the registry does not answer through the relay yet');
  for (const node of status.nodesWithoutRelay) {
    const relay = status.relays.find((r) => r.nodeId === node);
    parts.push(`node ${node}: relay ${relay ? `${relay.state}${relay.error ? ` (${relay.error})` : ''}` : 'has no task'}`);
  }
  return parts.join('; ') || 'ready';
}

async function tasksOf(docker: Dockerode, service: string): Promise<Task[]> {
  try {
    return (await docker.listTasks({ filters: { service: [service] } })) as Task[];
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode === 404) return [];
    throw new EngineError('docker_error', `cannot list the tasks of ${service}`, { cause });
  }
}

/** The task that says most about a slot: a running one, else the latest. */
function pick(tasks: Task[]): RegistryTask | undefined {
  const sorted = [...tasks].sort((a, b) => (b.UpdatedAt ?? '').localeCompare(a.UpdatedAt ?? ''));
  const task = sorted.find((t) => t.Status?.State === 'running' && t.DesiredState === 'running') ?? sorted[0];
  if (!task) return undefined;
  return { nodeId: task.NodeID ?? '', state: task.Status?.State ?? 'unknown', ...(task.Status?.Err ? { error: task.Status.Err } : {}) };
}

async function answersThroughRelay(docker: Dockerode): Promise<boolean> {
  // No credentials exist: a registry that asks for none lets the engine's login through.
  return docker.checkAuth({ username: 'colo', password: 'colo', serveraddress: RELAY_ADDRESS }).then(
    () => true,
    () => false,
  );
}
