// The operations worker: a BullMQ Worker on `colo-operations` glued to control's runners, plus
// the start-up sweep that re-enqueues operations Redis lost.
import {
  checkEdgeListeners,
  failOperation,
  operationsQueueName,
  redisConnection,
  requeueLostOperations,
  shutdownControl,
} from '@colo/control';
import { Worker } from 'bullmq';
import type { WorkerEnv } from './env';
import { processOperationJob } from './process-job';

export interface RunningWorker {
  worker: Worker;
  /** Waits up to `graceMs` for running operations, then leaves them to the next worker. */
  stop(graceMs: number): Promise<void>;
}

const SWEEP_EVERY_MS = 5 * 60_000;

export function logLine(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

export async function startWorker(env: WorkerEnv, log: (line: string) => void = logLine): Promise<RunningWorker> {
  const worker = new Worker(operationsQueueName(), (job, token) => processOperationJob(job, token, log), {
    connection: redisConnection(env.REDIS_URL),
    concurrency: env.COLO_WORKER_CONCURRENCY,
    // A killed worker's job is handed out again once its lock lapses; the engine's plan/apply is
    // idempotent and the claim is re-entrant, so the next run picks up where the last one died.
    lockDuration: 15_000,
    stalledInterval: 5_000,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => {
    if (!job?.id) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError' || /stalled/.test(err.message);
    if (!exhausted) return;
    // Normally the runner has recorded this already; this covers jobs failed outside it (stalled too often).
    failOperation(job.id, err.message).catch((e) => log(`${job.id}: could not record failure: ${(e as Error).message}`));
  });
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  await worker.waitUntilReady();

  const sweep = async () => {
    try {
      const requeued = await requeueLostOperations();
      if (requeued.length > 0) log(`re-enqueued ${requeued.length} operation(s) Redis had lost: ${requeued.join(', ')}`);
    } catch (err) {
      log(`sweep for lost operations failed: ${(err as Error).message}`);
    }
  };
  await sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();

  // Published ports stay served: a stopped listener is started, a missing one redeployed.
  let checking = false;
  const checkEdge = async () => {
    if (checking) return;
    checking = true;
    try {
      const { started, repairs } = await checkEdgeListeners();
      if (started.length > 0) log(`started edge listeners found stopped: ${started.join(', ')}`);
      if (repairs.length > 0) log(`queued deploys to recreate missing edge listeners: ${repairs.join(', ')}`);
    } catch (err) {
      log(`edge listener check failed: ${(err as Error).message}`);
    } finally {
      checking = false;
    }
  };
  await checkEdge();
  const edgeTimer = setInterval(checkEdge, env.COLO_EDGE_CHECK_SECONDS * 1000);
  edgeTimer.unref();

  return {
    worker,
    async stop(graceMs) {
      clearInterval(timer);
      clearInterval(edgeTimer);
      const closing = worker.close();
      const timedOut = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
      ]);
      if (timedOut) {
        log('operations still running at shutdown: leaving them to the next worker');
        await worker.close(true);
      }
      await shutdownControl();
    },
  };
}
