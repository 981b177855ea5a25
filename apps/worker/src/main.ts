// `npx tsx apps/worker/src/main.ts`: runs Colo's operations until SIGTERM/SIGINT.
import { loadWorkerEnv } from './env';
import { logLine, startWorker } from './start-worker';

const env = loadWorkerEnv();
const running = await startWorker(env);
logLine(`colo worker ready: queue colo-operations, concurrency ${env.COLO_WORKER_CONCURRENCY}, instance ${env.COLO_INSTANCE}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logLine(`${signal}: finishing running operations (up to ${env.COLO_WORKER_SHUTDOWN_GRACE}s)`);
    running
      .stop(env.COLO_WORKER_SHUTDOWN_GRACE * 1000)
      .then(() => process.exit(0))
      .catch((err) => {
        logLine(`shutdown failed: ${(err as Error).message}`);
        process.exit(1);
      });
  });
}
