// Polls a container until Docker reports it healthy (or running, when it has no health check).
import { EngineError } from '../engine-error';
import type { ContainerDetails, WaitHealthyOptions } from './runtime';

export async function pollUntilHealthy(
  inspect: (idOrName: string) => Promise<ContainerDetails | undefined>,
  idOrName: string,
  { timeoutMs, signal, pollMs = 250 }: WaitHealthyOptions,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new EngineError('aborted', `stopped waiting for ${idOrName}: operation aborted`);
    const c = await inspect(idOrName);
    if (!c) throw new EngineError('not_found', `container ${idOrName} does not exist`);
    if (c.state === 'exited' || c.state === 'dead') {
      throw new EngineError('unhealthy', `container ${c.name} exited with code ${c.exitCode}`);
    }
    if (c.state === 'restarting') {
      throw new EngineError('unhealthy', `container ${c.name} keeps restarting (last exit code ${c.exitCode})`);
    }
    if (c.state === 'created') throw new EngineError('unhealthy', `container ${c.name} is not started`);
    if (c.state === 'running') {
      if (c.health === 'healthy' || c.health === 'none') return;
      if (c.health === 'unhealthy') {
        const detail = c.lastHealthOutput?.trim();
        throw new EngineError('unhealthy', `container ${c.name} failed its health check${detail ? ` (${detail})` : ''}`);
      }
    }
    if (Date.now() >= deadline) {
      throw new EngineError('timeout', `container ${c.name} not healthy after ${Math.round(timeoutMs / 1000)}s (state ${c.state}, health ${c.health})`);
    }
    await sleep(pollMs, signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
