// restore: the VDC back to a snapshot, in place: its data and its revision. A safety snapshot of
// the present comes first (so a restore is itself undone by restoring that), then the VDC stops,
// every volume the snapshot holds gets the snapshot's content, the snapshot's manifest becomes the
// newest revision (unless it is that already) and is deployed, which starts the VDC again.
import { getPrisma, type Prisma } from '@colo/db';
import { formatBytes, restoreVolumes, stopVdc } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { engineConfig, vdcScope } from '../../docker/engine-access';
import { ColoError } from '../../errors';
import { newId } from '../../ids';
import { manifestDigest } from '../../manifests/digest';
import { checkManifest, ownerOfVdc } from '../../manifests/manifest-input';
import { findSnapshot } from '../../snapshots/read-snapshots';
import { storedVolumes } from '../../snapshots/snapshot-views';
import { withFence } from '../fence';
import { deployRevision } from './deploy';
import { copyReporter, takeSnapshot } from './snapshot';
import type { Runner } from './types';

export const runRestore: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal, beginChanges } = ctx;
  const number = (op.params as { snapshot?: unknown } | null)?.snapshot;
  if (typeof number !== 'number') throw new ColoError('bad_request', 'snapshot: a number is required', { retryable: false });
  const snapshot = await findSnapshot(vdc, number);
  // Checked before anything changes: a snapshot whose manifest no longer deploys (a class gone
  // from the catalog) is refused while the VDC still runs as it was.
  const manifest = { ...(snapshot.revision.manifest as unknown as Manifest), name: vdc.name };
  await checkManifest(ownerOfVdc(vdc), manifest, { mode: 'deploy', exceptVdcId: vdc.id });

  const steps = [
    { key: 'safety', title: 'take a safety snapshot of the VDC as it is' },
    { key: 'stop', title: 'stop every appliance' },
    { key: 'restore', title: `put back the data of snapshot ${number}` },
    { key: 'revision', title: `make revision ${snapshot.revision.number}'s manifest the newest` },
  ];
  // The deploy that follows adds its own steps: they fill the second half of the percent.
  await recorder.defineSteps(steps, { upTo: 50 });
  recorder.stepStarted('safety');
  const safety = await takeSnapshot(ctx, { note: `before restoring snapshot ${number}`, stepIndex: 0 });
  recorder.log(`safety snapshot ${safety.number} taken: restore it to undo this restore`);
  recorder.stepDone('safety');

  recorder.stepStarted('stop');
  beginChanges();
  const { stopped } = await stopVdc(runtime, vdc.id, { instance: engineConfig().instance });
  recorder.log(stopped.length === 0 ? 'nothing was running' : `stopped ${stopped.join(', ')}`);
  recorder.stepDone('stop');

  recorder.stepStarted('restore');
  const { volumes, copy } = await restoreVolumes(runtime, {
    scope: { ...vdcScope(vdc), key: vdc.dockerKey, revisionId: snapshot.revisionId },
    snapshot: { snapshotId: snapshot.id, expected: storedVolumes(snapshot) },
    operationId: op.id,
    imageNamespace: engineConfig().imageNamespace,
    signal,
    onProgress: copyReporter(recorder, 2),
  });
  recorder.log(`restored ${volumes.length} volumes (${formatBytes(copy.totalBytes)}) by ${copy.method}`);
  recorder.stepDone('restore');

  recorder.stepStarted('revision');
  const revision = await withFence(lease, async (tx) => {
    const current = await tx.vdc.findUniqueOrThrow({ where: { id: vdc.id } });
    const latest = await tx.revision.findUniqueOrThrow({ where: { vdcId_number: { vdcId: vdc.id, number: current.latestRevision } } });
    const digest = manifestDigest(manifest);
    if (latest.digest === digest) return latest;
    const next = current.latestRevision + 1;
    await tx.vdc.update({ where: { id: vdc.id }, data: { latestRevision: next } });
    return tx.revision.create({
      data: { id: newId('rev'), vdcId: vdc.id, number: next, manifest: manifest as Prisma.InputJsonValue, digest, authorId: op.requestedById },
    });
  });
  recorder.log(`revision ${revision.number} holds snapshot ${number}'s manifest`);
  await withFence(lease, (tx) => tx.operation.update({ where: { id: op.id }, data: { result: { snapshot: number, safetySnapshot: safety.number, revision: revision.number } } }));
  recorder.stepDone('revision');
  return deployRevision({ ...ctx, revision: await getPrisma().revision.findUniqueOrThrow({ where: { id: revision.id } }) }, steps);
};
