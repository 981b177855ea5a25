// Runs one operation to its end under a lease (claim.ts): renews the lease while it works, hands
// the runner a Docker runtime that refuses changes once the lease is lost, and writes the outcome
// — VDC state, deployed revision, the released claim — in one fenced transaction. Errors are
// recorded on the operation and rethrown, never swallowed: the queue decides about retries from
// `retryable`. A run that lost its fence writes nothing more and throws FencedError.
import { getPrisma } from '@colo/db';
import { ColoError } from '../errors';
import { getRuntime } from '../docker/engine-access';
import { openSecrets, secretValues } from '../secrets';
import { claimVdcFor } from './claim';
import { toColoError } from './classify-error';
import { isFenced } from './fence';
import { fencedRuntime } from './fenced-runtime';
import { finishFailed, finishSucceeded, releaseForRetry } from './finish-operation';
import type { LeaseTiming, RunLease } from './lease';
import { MAX_ATTEMPTS } from './queue';
import { OperationRecorder } from './recorder';
import { RUNNERS } from './runners';

export { failOperation, finishFailed } from './finish-operation';

/**
 * Runs of one operation across every retry and crash. A job whose worker keeps dying (each
 * SIGKILL makes BullMQ hand it out again) ends here instead of looping forever.
 */
export const MAX_RUNS = MAX_ATTEMPTS * 2;

export interface RunOptions extends LeaseTiming {
  /** The claim of this run (claimVdcFor); without one, runOperation claims the operation itself. */
  lease?: RunLease;
  /** Recorded as the lease's owner when runOperation claims itself. */
  owner?: string;
  /** 1-based attempt of the queue job, and how many it gets. */
  attempt?: number;
  maxAttempts?: number;
  /** One line per step for the worker's own log (never secrets or env). */
  log?: (line: string) => void;
}

export type RunResult = 'succeeded' | 'already_finished';

export async function runOperation(operationId: string, options: RunOptions = {}): Promise<RunResult> {
  const lease = options.lease ?? (await claimOrExplain(operationId, options));
  if (lease === 'finished') return 'already_finished';
  if (lease.operationId !== operationId) throw new ColoError('internal', `the lease given is for ${lease.operationId}, not ${operationId}`);

  const op = await getPrisma().operation.findUnique({ where: { id: operationId }, include: { vdc: true, revision: true } });
  if (!op) throw new ColoError('not_found', `operation ${operationId} not found`, { retryable: false });
  if (op.fence !== lease.fence) throw lease.lose('another run took it over before it started');

  const echo = (line: string) => options.log?.(`${operationId} ${op.kind} ${op.vdc.name}: ${line}`);
  const recorder = new OperationRecorder(operationId, echo, lease, (err) => lease.lose(toFenced(err)));
  try {
    recorder.redactValues(secretValues(openSecrets(op.vdc.id, op.vdc.secrets)));
  } catch {
    // Undecryptable secrets: a deploy will fail on them with a clear message; nothing to hide.
  }

  if (op.attempts > MAX_RUNS) {
    const error = new ColoError('internal', `gave up after ${op.attempts - 1} runs: the worker stopped in the middle of each`, {
      retryable: false,
    });
    await finishFailed(lease, error, undefined);
    throw error;
  }

  lease.startHeartbeat(options.heartbeatMs);
  let touchedDocker = false;
  try {
    recorder.log(op.attempts === 1 ? `${op.kind} started` : `${op.kind} started again (run ${op.attempts})`);
    const outcome = await RUNNERS[op.kind]({
      op,
      vdc: op.vdc,
      revision: op.revision,
      recorder,
      lease,
      runtime: fencedRuntime(getRuntime(), lease),
      fence: (runtime) => fencedRuntime(runtime, lease),
      signal: lease.signal,
      beginChanges: () => {
        touchedDocker = true;
      },
    });
    lease.throwIfLost();
    await recorder.flush();
    lease.stopHeartbeat();
    await finishSucceeded(lease, outcome);
    echo('succeeded');
    return 'succeeded';
  } catch (err) {
    // Overtaken (or out of lease): whatever went wrong, this run has no say any more.
    const fenced = lease.lost ?? (isFenced(err) ? lease.lose(err) : undefined);
    if (fenced) {
      echo(`stopped: ${fenced.message}`);
      throw fenced;
    }
    const error = redacted(toColoError(err), recorder);
    await recorder.flush().catch(() => {});
    lease.stopHeartbeat();
    const last = !error.retryable || (options.attempt ?? 1) >= (options.maxAttempts ?? 1);
    try {
      if (last) await finishFailed(lease, error, touchedDocker ? 'failed' : undefined);
      else await releaseForRetry(lease, error);
    } catch (writeError) {
      if (isFenced(writeError)) {
        echo(`stopped: ${writeError.message}`);
        throw lease.lose(writeError);
      }
      throw writeError;
    }
    echo(last ? `failed: ${error.message}` : `attempt failed, will retry: ${error.message}`);
    throw error;
  } finally {
    lease.stopHeartbeat();
  }
}

/** A claim for callers without one (tests, tools); a busy or leased operation is a retryable error. */
async function claimOrExplain(operationId: string, options: RunOptions): Promise<RunLease | 'finished'> {
  const claim = await claimVdcFor(operationId, { leaseMs: options.leaseMs, owner: options.owner });
  if (claim.status === 'claimed') return claim.lease;
  if (claim.status === 'finished') return 'finished';
  if (claim.status === 'missing') throw new ColoError('not_found', `operation ${operationId} not found`, { retryable: false });
  const why = claim.status === 'leased' ? 'another run holds it' : 'an older operation of its VDC is unfinished';
  throw new ColoError('operation_running', `operation ${operationId} cannot run now: ${why}`, { retryable: true });
}

function toFenced(err: unknown) {
  return isFenced(err) ? err : 'a write found its fence gone';
}

function redacted(error: ColoError, recorder: OperationRecorder): ColoError {
  const message = recorder.redact(error.message);
  if (message === error.message) return error;
  return new ColoError(error.code, message, { issues: error.issues, retryable: error.retryable });
}
