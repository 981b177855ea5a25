// Waits until a service runs exactly its replicas of its current spec. Swarm reports a task
// `running` only once its health check passed (`starting` before), so this is the health gate
// the single-host apply gets from waitHealthy. Bounded; a task that keeps failing ends it early.
import { EngineError, isEngineError } from '../../engine-error';
import { LABEL } from '../../labels';
import type { SwarmApi, SwarmTaskInfo } from './swarm-api';

/** Task states on their way to running, or running. */
const ACTIVE = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);
/** Failures of the current spec tolerated before giving up (a busy host may fail a check once). */
const MAX_FAILURES = 3;

export interface WaitServiceOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?(message: string): void;
  pollMs?: number;
}

export async function waitServiceConverged(api: SwarmApi, service: { name: string; specHash?: string; replicas: number }, options: WaitServiceOptions): Promise<string> {
  const until = Date.now() + options.timeoutMs;
  // Failures from before this wait (an earlier attempt at the same spec) do not count against it.
  const since = new Date(Date.now() - 5000).toISOString();
  let said = '';
  let lastError = '';
  for (;;) {
    if (options.signal?.aborted) throw new EngineError('aborted', `waiting for service ${service.name} aborted`);
    const tasks = await api.listTasks({ service: [service.name] }).catch((error: unknown) => {
      // A removed service has no tasks left in the swarm's store.
      if (service.replicas === 0 && isEngineError(error, 'not_found')) return [];
      throw error;
    });
    const mine = tasks.filter((t) => !service.specHash || t.Spec.ContainerSpec?.Labels?.[LABEL.spec] === service.specHash);
    const failed = mine.filter((t) => (t.Status.State === 'failed' || t.Status.State === 'rejected') && (t.Status.Timestamp ?? '') >= since);
    lastError = latestError(failed) ?? lastError;
    if (/no such image/i.test(lastError)) throw new EngineError('image_missing', `service ${service.name}: ${lastError} (images reach nodes through the registry)`);
    if (failed.length >= MAX_FAILURES) throw new EngineError('unhealthy', `service ${service.name}: ${failed.length} tasks failed, the last: ${lastError}`);
    const running = mine.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
    const active = tasks.filter((t) => ACTIVE.has(t.Status.State) && (service.replicas === 0 || t.DesiredState === 'running')).length;
    const message = service.replicas === 0 ? `${service.name}: ${active} task(s) still running` : `${service.name}: ${running}/${service.replicas} running`;
    if (message !== said) options.onProgress?.(message);
    said = message;
    if (service.replicas === 0 ? active === 0 : running === service.replicas && active === service.replicas) return service.replicas === 0 ? `${service.name} stopped` : `${service.name}: ${service.replicas}/${service.replicas} running`;
    if (Date.now() > until) {
      throw new EngineError('timeout', `service ${service.name}: ${message} after ${Math.round(options.timeoutMs / 1000)} s${lastError ? `; last task error: ${lastError}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
}

function latestError(tasks: SwarmTaskInfo[]): string | undefined {
  const last = [...tasks].sort((a, b) => (a.Status.Timestamp ?? '').localeCompare(b.Status.Timestamp ?? '')).at(-1);
  return last ? (last.Status.Err ?? last.Status.Message) : undefined;
}
