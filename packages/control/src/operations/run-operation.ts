// Runs one operation to its end: marks it running, hands it to the runner of its kind, and
// writes the outcome — VDC state, deployed revision, the released claim — in one transaction.
// Errors are recorded on the operation and rethrown, never swallowed: the queue decides about
// retries from `retryable`, and the row says what happened either way.
import { getPrisma, type VdcState } from '@colo/db';
import { ColoError } from '../errors';
import { openSecrets, secretValues } from '../secrets';
import { toColoError } from './classify-error';
import { MAX_ATTEMPTS } from './queue';
import { OperationRecorder } from './recorder';
import { RUNNERS, type RunnerOutcome } from './runners';

/**
 * Runs of one operation across every retry and crash. A job whose worker keeps dying (each
 * SIGKILL makes BullMQ hand it out again) ends here instead of looping forever.
 */
export const MAX_RUNS = MAX_ATTEMPTS * 2;

export interface RunOptions {
  /** 1-based attempt of the queue job, and how many it gets. */
  attempt?: number;
  maxAttempts?: number;
  /** One line per step for the worker's own log (never secrets or env). */
  log?: (line: string) => void;
}

export type RunResult = 'succeeded' | 'already_finished';

export async function runOperation(operationId: string, options: RunOptions = {}): Promise<RunResult> {
  const prisma = getPrisma();
  const found = await prisma.operation.findUnique({ where: { id: operationId }, include: { vdc: true, revision: true } });
  if (!found) throw new ColoError('not_found', `operation ${operationId} not found`, { retryable: false });
  if (found.status === 'succeeded' || found.status === 'failed') return 'already_finished';

  const echo = (line: string) => options.log?.(`${operationId} ${found.kind} ${found.vdc.name}: ${line}`);
  const recorder = new OperationRecorder(operationId, echo);
  try {
    recorder.redactValues(secretValues(openSecrets(found.vdc.id, found.vdc.secrets)));
  } catch {
    // Undecryptable secrets: a deploy will fail on them with a clear message; nothing to hide.
  }

  if (found.attempts >= MAX_RUNS) {
    const error = new ColoError('internal', `gave up after ${found.attempts} runs: the worker stopped in the middle of each`, {
      retryable: false,
    });
    await finishFailed(operationId, found.vdcId, error, undefined);
    throw error;
  }

  const op = await prisma.operation.update({
    where: { id: operationId },
    data: { status: 'running', startedAt: found.startedAt ?? new Date(), attempts: { increment: 1 }, error: null, errorCode: null },
    include: { vdc: true, revision: true },
  });
  recorder.log(op.attempts === 1 ? `${op.kind} started` : `${op.kind} started again (run ${op.attempts})`);

  let touchedDocker = false;
  try {
    const outcome = await RUNNERS[op.kind]({
      op,
      vdc: op.vdc,
      revision: op.revision,
      recorder,
      beginChanges: () => {
        touchedDocker = true;
      },
    });
    await recorder.flush();
    await finishSucceeded(operationId, op.vdcId, outcome);
    echo('succeeded');
    return 'succeeded';
  } catch (err) {
    const error = redacted(toColoError(err), recorder);
    await recorder.flush().catch(() => {});
    const last = !error.retryable || (options.attempt ?? 1) >= (options.maxAttempts ?? 1);
    if (last) {
      await finishFailed(operationId, op.vdcId, error, touchedDocker ? 'failed' : undefined);
      echo(`failed: ${error.message}`);
    } else {
      await prisma.operation.update({ where: { id: operationId }, data: { status: 'queued', error: error.message, errorCode: error.code } });
      await prisma.operationLog.create({ data: { operationId, message: `attempt failed, will retry: ${error.message}` } });
      echo(`attempt failed, will retry: ${error.message}`);
    }
    throw error;
  }
}

function redacted(error: ColoError, recorder: OperationRecorder): ColoError {
  const message = recorder.redact(error.message);
  if (message === error.message) return error;
  return new ColoError(error.code, message, { issues: error.issues, retryable: error.retryable });
}

async function finishSucceeded(operationId: string, vdcId: string, outcome: RunnerOutcome): Promise<void> {
  const prisma = getPrisma();
  const now = new Date();
  await prisma.$transaction([
    prisma.operation.update({ where: { id: operationId }, data: { status: 'succeeded', progress: 100, finishedAt: now, error: null, errorCode: null } }),
    prisma.operationLog.create({ data: { operationId, message: 'succeeded' } }),
    prisma.vdc.update({
      where: { id: vdcId },
      data: {
        ...(outcome.state ? { state: outcome.state } : {}),
        ...(outcome.deployedRevisionId !== undefined ? { deployedRevisionId: outcome.deployedRevisionId } : {}),
      },
    }),
    prisma.vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } }),
  ]);
}

/** Marks the operation failed for good and frees its VDC. Also used by the worker for jobs BullMQ gave up on. */
export async function finishFailed(operationId: string, vdcId: string, error: ColoError, state: VdcState | undefined): Promise<void> {
  const prisma = getPrisma();
  await prisma.$transaction([
    prisma.operation.updateMany({
      where: { id: operationId, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error: error.message, errorCode: error.code, finishedAt: new Date() },
    }),
    prisma.operationLog.create({ data: { operationId, message: `failed: ${error.message}` } }),
    ...(state ? [prisma.vdc.update({ where: { id: vdcId }, data: { state } })] : []),
    prisma.vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } }),
  ]);
}

/** For a job the queue gave up on without the runner seeing it fail (e.g. stalled too often). */
export async function failOperation(operationId: string, message: string): Promise<void> {
  const op = await getPrisma().operation.findUnique({ where: { id: operationId }, select: { vdcId: true, status: true } });
  if (!op || op.status === 'succeeded' || op.status === 'failed') return;
  await finishFailed(operationId, op.vdcId, new ColoError('internal', message, { retryable: false }), 'failed');
}
