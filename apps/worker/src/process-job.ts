// One job of `colo-operations`: claim the operation (fence + lease in Postgres), run it, let
// BullMQ know what happened. The payload is validated again here: Redis is a transport, not a
// trusted source. A delivery that finds the operation held by a live run (a duplicate after a
// stall, a Redis outage or the lost-job sweep) waits for that lease to end instead of running.
import { claimVdcFor, isColoError, operationJobSchema, runOperation, toColoError } from '@colo/control';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';

/** How long a job waits before asking again for a VDC another operation holds. */
export const BUSY_RETRY_MS = 1500;

export type LogLine = (line: string) => void;

export interface JobSettings {
  leaseMs: number;
  /** Recorded on the operation as the lease's owner. */
  owner?: string;
}

export async function processOperationJob(job: Job, token: string | undefined, log: LogLine, settings: JobSettings): Promise<string> {
  const parsed = operationJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has no valid operation id`);
  const { operationId } = parsed.data;
  if (job.id !== operationId) throw new UnrecoverableError(`job ${job.id} names operation ${operationId}`);

  const claim = await claimVdcFor(operationId, { leaseMs: settings.leaseMs, owner: settings.owner });
  if (claim.status === 'missing') throw new UnrecoverableError(`operation ${operationId} does not exist`);
  if (claim.status === 'finished') return 'already finished';
  if (claim.status === 'busy' || claim.status === 'leased') {
    // Not a failure, and not an attempt: wait for the VDC's current operation, or for the run
    // holding this one to end (it finishes it, or its lease lapses and this delivery takes over).
    const wait = claim.status === 'leased' ? claim.retryInMs + 250 : BUSY_RETRY_MS;
    if (claim.status === 'leased') log(`${operationId}: held by another run for ${Math.ceil(claim.retryInMs / 1000)}s more; waiting`);
    await job.moveToDelayed(Date.now() + wait + Math.floor(Math.random() * 500), token);
    throw new DelayedError();
  }

  try {
    return await runOperation(operationId, {
      lease: claim.lease,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      log,
    });
  } catch (err) {
    const error = isColoError(err) ? err : toColoError(err);
    // Terminal failures are already recorded as such; keep BullMQ from trying them again. A
    // fenced run is retryable: the next delivery sees who holds the operation now.
    if (!error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}
