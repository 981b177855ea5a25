// snapshot and snapshot_delete. A snapshot is a row (number, revision, how it was copied) plus
// Docker volumes labelled with its id; the row turns `ready` in the same fenced transaction that
// records the copy, and a failed copy leaves neither. Restore takes its safety snapshot here too.
import { getPrisma, type Prisma, type Snapshot } from '@colo/db';
import { type CopyProgress, formatBytes, removeSnapshotVolumes, snapshotSwarmVolumes, snapshotVolumes, unpauseVdc } from '@colo/engine';
import { engineConfig, vdcScope } from '../../docker/engine-access';
import { vdcEngineMode } from '../../docker/engine-mode';
import { swarmCopyResult, swarmDataDeps } from '../../docker/swarm-data';
import { ColoError } from '../../errors';
import { newId } from '../../ids';
import type { OperationRecorder } from '../recorder';
import type { StoredSnapshotVolume } from '../../snapshots/snapshot-views';
import { withFence } from '../fence';
import { prunableSnapshots } from '../../schedules/prune-scheduled';
import type { Runner, RunnerContext } from './types';

function param<T>(params: unknown, key: string): T | undefined {
  return (params as Record<string, unknown> | null)?.[key] as T | undefined;
}

/** Copy progress as operation progress (within step `index`) and log lines. */
export function copyReporter(recorder: OperationRecorder, index: number): (p: CopyProgress) => void {
  return (p) => {
    if (p.message) recorder.log(p.message);
    const fraction = p.phase === 'copy' && p.totalBytes > 0 ? (p.copiedBytes / p.totalBytes) * 0.9 : { measure: 0, copy: 0, pause: 0.9, sync: 0.92, resume: 1 }[p.phase];
    recorder.stepProgress(index, fraction);
  };
}

/**
 * Takes one snapshot of the VDC under this run: the revision it runs (or its newest, if never
 * deployed) and a consistent copy of every instance volume. A retry of the same operation
 * replaces what an earlier attempt left; a failure removes the row and every copied volume.
 */
export async function takeSnapshot(ctx: RunnerContext, input: { note?: string; stepIndex: number; scheduleId?: string }): Promise<Snapshot> {
  const { op, vdc, recorder, lease, runtime, signal } = ctx;
  const scope = vdcScope(vdc);
  const thawed = await unpauseVdc(runtime, scope);
  if (thawed.length > 0) recorder.log(`resumed ${thawed.join(', ')}, left paused by an earlier attempt`);

  const snapshot = await withFence(lease, async (tx) => {
    const existing = await tx.snapshot.findUnique({ where: { operationId: op.id } });
    if (existing) return existing;
    const current = await tx.vdc.findUniqueOrThrow({ where: { id: vdc.id } });
    const revisionId =
      current.deployedRevisionId ??
      (await tx.revision.findUniqueOrThrow({ where: { vdcId_number: { vdcId: vdc.id, number: current.latestRevision } } })).id;
    const number = current.latestSnapshot + 1;
    await tx.vdc.update({ where: { id: vdc.id }, data: { latestSnapshot: number } });
    return tx.snapshot.create({
      data: {
        id: newId('snap'),
        vdcId: vdc.id,
        number,
        note: input.note ?? null,
        revisionId,
        operationId: op.id,
        createdById: op.requestedById,
        scheduleId: input.scheduleId ?? null,
      },
    });
  });
  if (snapshot.status === 'ready') {
    recorder.log(`snapshot ${snapshot.number} was taken by an earlier attempt`);
    return snapshot;
  }
  recorder.log(`snapshot ${snapshot.number} of ${vdc.name}`);
  try {
    const { volumes, copy } =
      (await vdcEngineMode(vdc)).mode === 'swarm'
        ? await swarmSnapshot(ctx, scope, snapshot.id, input.stepIndex)
        : await snapshotVolumes(runtime, {
            scope,
            snapshotId: snapshot.id,
            operationId: op.id,
            imageNamespace: engineConfig().imageNamespace,
            signal,
            onProgress: copyReporter(recorder, input.stepIndex),
          });
    const stored: StoredSnapshotVolume[] = volumes.map((v) => ({ appliance: v.appliance, volume: v.volume, name: v.name, bytes: v.bytes }));
    recorder.log(
      volumes.length === 0
        ? 'the VDC has no volumes: the snapshot holds its revision only'
        : `copied ${volumes.length} volumes (${formatBytes(copy.totalBytes)}) by ${copy.method} in ${(copy.durationMs / 1000).toFixed(2)} s; writers paused ${copy.pauseMs} ms`,
    );
    return await withFence(lease, (tx) =>
      tx.snapshot.update({
        where: { id: snapshot.id },
        data: {
          status: 'ready',
          method: copy.method,
          sizeBytes: BigInt(copy.totalBytes),
          pauseMs: copy.pauseMs,
          durationMs: copy.durationMs,
          volumes: stored as unknown as Prisma.InputJsonValue,
          finishedAt: new Date(),
        },
      }),
    );
  } catch (error) {
    await discardSnapshot(ctx, snapshot).catch(() => undefined);
    throw error;
  }
}

/** On a swarm: each pinned appliance's volumes from its node into the store (the manager). */
async function swarmSnapshot({ op, recorder, fence, runtime, signal }: RunnerContext, scope: ReturnType<typeof vdcScope>, snapshotId: string, stepIndex: number) {
  const taken = await snapshotSwarmVolumes(swarmDataDeps(runtime, fence, signal), {
    scope,
    snapshotId,
    operationId: op.id,
    signal,
    onLog: (line) => recorder.log(line),
    onFraction: (f) => recorder.stepProgress(stepIndex, f),
  });
  return swarmCopyResult(taken);
}

/** Removes a snapshot's volumes, then its row (fenced: a run that lost the VDC leaves both). */
async function discardSnapshot({ runtime, lease }: RunnerContext, snapshot: Pick<Snapshot, 'id'>): Promise<number> {
  const removed = await removeSnapshotVolumes(runtime, engineConfig().instance, snapshot.id);
  await withFence(lease, (tx) => tx.snapshot.deleteMany({ where: { id: snapshot.id } }));
  return removed;
}

// Neither calls beginChanges: a failed snapshot leaves the VDC as it was (running, untouched),
// so its state must not turn `failed`.
export const runSnapshot: Runner = async (ctx) => {
  const { op, vdc, recorder, lease } = ctx;
  // Set by a schedule firing (never by a user): its snapshots are the only ones it prunes.
  const scheduleId = param<string>(op.params, 'schedule');
  await recorder.defineSteps([
    { key: 'snapshot', title: 'copy every volume (writers paused for the last pass)' },
    ...(scheduleId ? [{ key: 'prune', title: 'delete this schedule\'s snapshots beyond the last it keeps' }] : []),
  ]);
  recorder.stepStarted('snapshot');
  const snapshot = await takeSnapshot(ctx, { note: param<string>(op.params, 'note'), stepIndex: 0, scheduleId });
  await withFence(lease, (tx) => tx.operation.update({ where: { id: op.id }, data: { result: { snapshot: snapshot.number } } }));
  recorder.stepDone('snapshot');
  if (scheduleId) {
    recorder.stepStarted('prune');
    // Under this run's claim no other operation of the VDC runs; queued ones are looked at.
    const prunable = await prunableSnapshots(vdc.id, scheduleId);
    for (const old of prunable) {
      const removed = await discardSnapshot(ctx, old);
      recorder.log(`deleted scheduled snapshot ${old.number} and its ${removed} volumes`);
    }
    if (prunable.length === 0) recorder.log('no scheduled snapshot to delete');
    recorder.stepDone('prune');
  }
  return {};
};

export const runSnapshotDelete: Runner = async (ctx) => {
  const { op, vdc, recorder } = ctx;
  const number = param<number>(op.params, 'snapshot');
  if (typeof number !== 'number') throw new ColoError('bad_request', 'snapshot: a number is required', { retryable: false });
  await recorder.defineSteps([{ key: 'delete', title: `delete snapshot ${number}` }]);
  recorder.stepStarted('delete');
  const snapshot = await getPrisma().snapshot.findUnique({ where: { vdcId_number: { vdcId: vdc.id, number } } });
  if (!snapshot) {
    // Gone already: an earlier attempt of this very operation got through.
    recorder.log(`snapshot ${number} is gone already`);
  } else {
    const removed = await discardSnapshot(ctx, snapshot);
    recorder.log(`deleted snapshot ${number} and its ${removed} volumes`);
  }
  recorder.stepDone('delete');
  return {};
};
