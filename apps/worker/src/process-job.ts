// One job of `colo-operations`: claim the VDC, run the operation, let BullMQ know what happened.
// The payload is validated again here: Redis is a transport, not a trusted source.
import { claimVdcFor, isColoError, runOperation, toColoError } from '@colo/control';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { operationJobSchema } from '@colo/control';

/** How long a job waits before asking again for a VDC another operation holds. */
export const BUSY_RETRY_MS = 1500;

export type LogLine = (line: string) => void;

export async function processOperationJob(job: Job, token: string | undefined, log: LogLine): Promise<string> {
  const parsed = operationJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has no valid operation id`);
  const { operationId } = parsed.data;
  if (job.id !== operationId) throw new UnrecoverableError(`job ${job.id} names operation ${operationId}`);

  const claim = await claimVdcFor(operationId);
  if (claim === 'missing') throw new UnrecoverableError(`operation ${operationId} does not exist`);
  if (claim === 'finished') return 'already finished';
  if (claim === 'busy') {
    // Not a failure: wait for the VDC's current operation. Does not count as an attempt.
    await job.moveToDelayed(Date.now() + BUSY_RETRY_MS + Math.floor(Math.random() * 500), token);
    throw new DelayedError();
  }

  try {
    return await runOperation(operationId, {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      log,
    });
  } catch (err) {
    const error = isColoError(err) ? err : toColoError(err);
    // Terminal failures are already recorded as such; keep BullMQ from trying them again.
    if (!error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}
