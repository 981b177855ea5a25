// The swarm side of control: one ClusterApi per process over the Docker endpoint Colo already
// uses (DOCKER_HOST or the socket). The web process only reads through it (status, nodes: GETs
// the read-only proxy lets through); every change and the join token go to the worker
// (node-calls.ts). Tests swap it for a fake.
import { type ClusterApi, type ClusterStatus, createDockerCluster, isEngineError } from '@colo/engine';
import { getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { toColoError } from '../operations/classify-error';

const holder = globalThis as typeof globalThis & { __coloCluster?: ClusterApi };

export function getCluster(): ClusterApi {
  if (!holder.__coloCluster) {
    // getRuntime checks DOCKER_HOST once and names it when malformed; dockerode reads it the same way.
    getRuntime();
    holder.__coloCluster = createDockerCluster();
  }
  return holder.__coloCluster;
}

export function setCluster(cluster: ClusterApi | undefined): void {
  holder.__coloCluster = cluster;
}

/** Runs `fn` on the cluster; the engine's refusals in control's words (unknown node: not found, a refused change: bad request). */
export async function onCluster<T>(fn: (cluster: ClusterApi) => Promise<T>): Promise<T> {
  try {
    return await fn(getCluster());
  } catch (error) {
    if (isEngineError(error, 'not_found')) throw new ColoError('not_found', error.message);
    if (isEngineError(error, 'conflict') && !error.retryable) throw new ColoError('bad_request', error.message);
    throw toColoError(error);
  }
}

/** The status, refused in words unless Colo's engine manages a swarm (checked before asking the worker). */
export async function requireManager(doing: string): Promise<ClusterStatus> {
  const status = await onCluster((c) => c.status());
  if (status.mode === 'manager') return status;
  if (status.mode === 'worker') throw new ColoError('bad_request', `cannot ${doing}: Colo's Docker engine is a worker of a swarm; Colo needs a manager's engine`);
  throw new ColoError('bad_request', `cannot ${doing}: Colo runs on a single host (its Docker engine is in no swarm); initialise one first (colo node init)`);
}
