// Runs Colo's operations until SIGTERM/SIGINT. Start it as `node --import tsx apps/worker/src/main.ts`
// (or `npx tsx …`, whose supervisor may SIGKILL a worker slow to acknowledge SIGTERM; safe, as
// the next worker resumes, but not graceful).
import { configureControl, operationsQueueName, useNodeAgentAccess } from '@colo/control';
import { loadWorkerEnv } from './env';
import { logLine, startWorker } from './start-worker';

const env = loadWorkerEnv();
configureControl(process.env);
// On a swarm, per-node work (share mounters, exec, files on other nodes) goes through Colo's node agents.
useNodeAgentAccess();
const running = await startWorker(env);
logLine(`colo worker ready: queue ${operationsQueueName()}, concurrency ${env.COLO_WORKER_CONCURRENCY}, instance ${env.COLO_INSTANCE}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logLine(`${signal}: finishing running operations (up to ${env.COLO_WORKER_SHUTDOWN_GRACE}s)`);
    running
      .stop(env.COLO_WORKER_SHUTDOWN_GRACE * 1000)
      .then(() => {
        logLine('colo worker stopped');
        process.exit(0);
      })
      .catch((err) => {
        logLine(`shutdown failed: ${(err as Error).message}`);
        process.exit(1);
      });
  });
}
