// The worker's environment, validated before anything connects.
import { controlEnvSchema } from '@colo/control';
import { z } from 'zod';

export const workerEnvSchema = controlEnvSchema.extend({
  /** Operations run at once (of different VDCs; one VDC never runs two). */
  COLO_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Seconds SIGTERM waits for running operations before leaving them to the next worker. */
  COLO_WORKER_SHUTDOWN_GRACE: z.coerce.number().int().min(0).max(3600).default(20),
  /**
   * Seconds a run holds its operation without renewing (it renews every sixth of that). After a
   * worker dies, its operation waits this long before another run takes it over.
   */
  COLO_OPERATION_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
  /** Seconds between sweeps for operations Redis lost (flushed, restarted without its data). */
  COLO_WORKER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Watch container failures and stop appliances that fail too often (`failover:`); on unless `false`. */
  COLO_FLAP_GUARD: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /** Seconds between looks for due schedules (snapshot, stop, start); a run fires within this of its time. */
  COLO_SCHEDULE_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  /** Seconds between alert evaluations (failures the flap guard sees are told at once). */
  COLO_ALERT_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Seconds between checks that every running VDC's edge listeners exist and run. */
  COLO_EDGE_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Seconds between metrics samples of every appliance container (CPU, memory, network, block I/O); 0 = no sampling. */
  COLO_METRICS_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * Stats reads in flight at once while sampling (one one-shot request per container). Docker
   * answers each at its collector's next once-a-second pass, so a read mostly waits: 32 at once
   * sample 100 containers in about 4 s.
   */
  COLO_METRICS_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(32),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function loadWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`colo worker: invalid environment\n${lines.join('\n')}`);
  }
  return parsed.data;
}
