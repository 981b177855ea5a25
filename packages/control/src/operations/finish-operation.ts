// How a run ends, each in one fenced transaction: succeeded (VDC state, deployed revision, VDC
// given back), failed for good, or handed back to the queue for another attempt. A run that lost
// its fence gets FencedError from each of these and has written nothing.
import { getPrisma, type VdcState } from '@colo/db';
import { auditOperationEnd } from '../audit/system-events';
import { ColoError } from '../errors';
import { FENCE_TX_OPTIONS, type RunFence, withFence } from './fence';
import type { RunnerOutcome } from './runners';

/** Operations that leave the VDC itself as it was, whatever becomes of them. */
const READ_ONLY_KINDS: ReadonlySet<string> = new Set(['snapshot', 'clone', 'snapshot_delete', 'entry_switch', 'entry_delete', 'data_import']);

/** What a finished or released operation keeps of its lease: nothing. */
const NO_LEASE = { leaseOwner: null, leaseExpiresAt: null };

export async function finishSucceeded(run: RunFence, outcome: RunnerOutcome): Promise<void> {
  const { operationId, vdcId } = run;
  await withFence(run, async (tx) => {
    await tx.operation.update({
      where: { id: operationId },
      data: { status: 'succeeded', progress: 100, finishedAt: new Date(), error: null, errorCode: null, ...NO_LEASE },
    });
    await tx.operationLog.create({ data: { operationId, message: 'succeeded' } });
    await tx.vdc.update({
      where: { id: vdcId },
      data: {
        ...(outcome.state ? { state: outcome.state } : {}),
        ...(outcome.deployedRevisionId !== undefined ? { deployedRevisionId: outcome.deployedRevisionId } : {}),
      },
    });
    await tx.vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } });
  });
  await auditOperationEnd(operationId, 'ok');
}

/** Marks the operation failed for good and frees its VDC, if `run` still holds it. */
export async function finishFailed(run: RunFence, error: ColoError, state: VdcState | undefined): Promise<void> {
  const { operationId, vdcId } = run;
  await withFence(run, async (tx) => {
    await tx.operation.updateMany({
      where: { id: operationId, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error: error.message, errorCode: error.code, finishedAt: new Date(), ...NO_LEASE },
    });
    await tx.operationLog.create({ data: { operationId, message: `failed: ${error.message}` } });
    if (state) await tx.vdc.update({ where: { id: vdcId }, data: { state } });
    await tx.vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } });
  });
  await auditOperationEnd(operationId, 'failed', error.message);
}

/**
 * A retryable failure with attempts left: the operation goes back to `queued` with its lease
 * released, so the queue's next attempt claims it at once. The VDC stays held for it.
 */
export async function releaseForRetry(run: RunFence, error: ColoError): Promise<void> {
  const { operationId } = run;
  await withFence(run, async (tx) => {
    await tx.operation.update({ where: { id: operationId }, data: { status: 'queued', error: error.message, errorCode: error.code, ...NO_LEASE } });
    await tx.operationLog.create({ data: { operationId, message: `attempt failed, will retry: ${error.message}` } });
  });
}

/**
 * For a job the queue gave up on without a run recording why (stalled too often, failed before
 * its claim). Refuses, returning false, while a run holds a live lease: only the lease says a run
 * is gone, never BullMQ's stall count. Otherwise it takes the next fence itself, so a run still
 * somewhere out there cannot write after this, and records the failure.
 */
export async function failOperation(operationId: string, message: string): Promise<boolean> {
  const failed = await getPrisma().$transaction(async (tx) => {
    const [op] = await tx.$queryRaw<{ vdcId: string; kind: string; open: boolean; leased: boolean }[]>`
      SELECT "vdcId", "kind"::text AS "kind", "status" IN ('queued', 'running') AS "open",
             COALESCE("leaseExpiresAt" > clock_timestamp(), false) AS "leased"
      FROM "Operation" WHERE "id" = ${operationId} FOR UPDATE`;
    if (!op || !op.open || op.leased) return false;
    const error = new ColoError('internal', message, { retryable: false });
    await tx.operation.update({
      where: { id: operationId },
      data: { fence: { increment: 1 }, status: 'failed', error: error.message, errorCode: error.code, finishedAt: new Date(), ...NO_LEASE },
    });
    await tx.operationLog.create({ data: { operationId, message: `failed: ${error.message}` } });
    // Snapshots, clones, snapshot deletions and entry operations only read the VDC: it is as it was, not failed.
    if (!READ_ONLY_KINDS.has(op.kind)) await tx.vdc.update({ where: { id: op.vdcId }, data: { state: 'failed' } });
    await tx.vdc.updateMany({ where: { id: op.vdcId, activeOperationId: operationId }, data: { activeOperationId: null } });
    return true;
  }, FENCE_TX_OPTIONS);
  if (failed) await auditOperationEnd(operationId, 'failed', message, 'the queue gave up on its job');
  return failed;
}
