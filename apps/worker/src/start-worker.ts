// The operations worker: a BullMQ Worker on `colo-operations` glued to control's runners, plus
// the start-up sweep that re-enqueues operations Redis lost, and the server of worker calls (the
// Docker changes the web process asks for: class patch, prototype terminals).
import {
  checkEdgeListeners,
  failOperation,
  leaseOwnerId,
  MAX_RUNS,
  operationsQueueName,
  redisConnection,
  requeueLostOperations,
  serveWorkerCalls,
  shutdownControl,
  startAlertWatch,
  startFlapGuard,
  startMetricsSampler,
  startScheduleTicker,
  startWakeWatch,
  sweepAbandonedCopies,
  sweepUnusedClassVolumes,
  thawAbandonedPauses,
  type WorkerCallServer,
} from '@colo/control';
import { Worker } from 'bullmq';
import type { WorkerEnv } from './env';
import { processOperationJob } from './process-job';

export interface RunningWorker {
  worker: Worker;
  calls: WorkerCallServer;
  /** Waits up to `graceMs` for running operations, then leaves them to the next worker. */
  stop(graceMs: number): Promise<void>;
}

export function logLine(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

/**
 * BullMQ's stall counting, made harmless. A job whose lock lapsed (its worker died, or its event
 * loop or Redis stalled) is handed out again; that is how a dead worker's operation resumes. But
 * a stall proves nothing about the run: the Postgres lease does. So the redelivery only claims
 * once the lease has expired (a live run is waited for), and the count BullMQ keeps must never be
 * what fails an operation: it is set far above MAX_RUNS, which bounds the runs of an operation.
 */
const MAX_STALLED_COUNT = MAX_RUNS * 10;

export async function startWorker(env: WorkerEnv, log: (line: string) => void = logLine): Promise<RunningWorker> {
  const settings = { leaseMs: env.COLO_OPERATION_LEASE_SECONDS * 1000, owner: leaseOwnerId() };
  const worker = new Worker(operationsQueueName(), (job, token) => processOperationJob(job, token, log, settings), {
    connection: redisConnection(env.REDIS_URL),
    concurrency: env.COLO_WORKER_CONCURRENCY,
    // A killed worker's job is handed out again once its lock lapses; the next delivery waits for
    // the run's lease to expire, takes the next fence, plans against what Docker has and applies
    // only the difference.
    lockDuration: 15_000,
    stalledInterval: 5_000,
    maxStalledCount: MAX_STALLED_COUNT,
  });
  worker.on('failed', (job, err) => {
    if (!job?.id) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError' || /stalled/.test(err.message);
    if (!exhausted) return;
    // Normally the runner has recorded this already; this covers jobs failed outside it. Refused
    // while a run holds a live lease: that run records its own end, or the lost-job sweep
    // re-enqueues the operation once it is gone.
    failOperation(job.id, err.message)
      .then((failed) => {
        if (!failed) log(`${job.id}: the queue gave up on the job (${err.message}), but the operation is held or finished: left as it is`);
      })
      .catch((e) => log(`${job.id}: could not record failure: ${(e as Error).message}`));
  });
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  await worker.waitUntilReady();
  // The web process may only read Docker: what it must change, it asks of this process.
  const calls = await serveWorkerCalls({ log });

  const sweep = async () => {
    try {
      const requeued = await requeueLostOperations();
      if (requeued.length > 0) log(`re-enqueued ${requeued.length} operation(s) Redis had lost: ${requeued.join(', ')}`);
    } catch (err) {
      log(`sweep for lost operations failed: ${(err as Error).message}`);
    }
    try {
      const thawed = await thawAbandonedPauses();
      if (thawed.length > 0) log(`resumed containers a stopped copy left paused: ${thawed.join(', ')}`);
      const removed = await sweepAbandonedCopies();
      if (removed.length > 0) log(`removed what given-up copies left: ${removed.join('; ')}`);
      const unused = await sweepUnusedClassVolumes();
      if (unused.length > 0) log(`removed class volumes no container mounts: ${unused.join(', ')}`);
    } catch (err) {
      log(`sweep for what stopped copies left failed: ${(err as Error).message}`);
    }
  };
  await sweep();
  const timer = setInterval(sweep, env.COLO_WORKER_SWEEP_SECONDS * 1000);
  timer.unref();
  // Appliances that crash are restarted by Docker; the guard stops those that keep crashing.
  // Alerts: evaluated every few seconds and on every failure the guard's event stream reports.
  const alerts = startAlertWatch({ intervalMs: env.COLO_ALERT_TICK_SECONDS * 1000, log });
  const guard = env.COLO_FLAP_GUARD ? startFlapGuard({ log, onFailure: (failure) => alerts.onFailure(failure) }) : undefined;

  // Published ports stay served: a stopped or missing listener is brought back by an operation.
  let checking = false;
  const checkEdge = async () => {
    if (checking) return;
    checking = true;
    try {
      const { repairs } = await checkEdgeListeners();
      if (repairs.length > 0) log(`queued edge repairs: ${repairs.join(', ')}`);
    } catch (err) {
      log(`edge listener check failed: ${(err as Error).message}`);
    } finally {
      checking = false;
    }
  };
  await checkEdge();
  const edgeTimer = setInterval(checkEdge, env.COLO_EDGE_CHECK_SECONDS * 1000);
  edgeTimer.unref();

  // Schedules due while no worker ran fire once now; then each run once across all workers.
  const schedules = startScheduleTicker({ intervalMs: env.COLO_SCHEDULE_TICK_SECONDS * 1000, log });
  // Entries that start their stopped VDC on the first request: their listeners' logs, followed.
  const wakes = startWakeWatch({ log });
  // What every container uses, sampled on one loop per engine (not per viewer) and rolled up.
  const metrics =
    env.COLO_METRICS_INTERVAL_SECONDS > 0
      ? startMetricsSampler({ intervalMs: env.COLO_METRICS_INTERVAL_SECONDS * 1000, concurrency: env.COLO_METRICS_CONCURRENCY, log })
      : undefined;

  return {
    worker,
    calls,
    async stop(graceMs) {
      clearInterval(timer);
      clearInterval(edgeTimer);
      wakes.close();
      await metrics?.close();
      // Calls under way get the same grace, alongside operations; relayed terminals are hung up.
      const callsClosed = calls.close(graceMs);
      await schedules.close();
      await guard?.close();
      await alerts.close();
      const closing = worker.close();
      const timedOut = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
      ]);
      if (timedOut) {
        log('operations still running at shutdown: leaving them to the next worker');
        await worker.close(true);
      }
      await callsClosed;
      await shutdownControl();
    },
  };
}
