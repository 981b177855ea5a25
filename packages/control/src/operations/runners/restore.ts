// restore: the VDC back to a snapshot, in place: its data and its revision. A safety snapshot of
// the present comes first (so a restore is itself undone by restoring that), then the VDC stops,
// every volume the snapshot holds gets the snapshot's content, the snapshot's manifest becomes the
// newest revision (unless it is that already) and is deployed, which starts the VDC again.
import { getPrisma, type Prisma } from '@colo/db';
import { formatBytes, moveSwarmVolumes, pinnedNodes, restoreVolumes, stopSwarmVdc, stopVdc } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { engineConfig, vdcScope } from '../../docker/engine-access';
import { getSwarmEngine, vdcEngineMode } from '../../docker/engine-mode';
import { swarmDataDeps } from '../../docker/swarm-data';
import { ColoError } from '../../errors';
import { newId } from '../../ids';
import { manifestDigest } from '../../manifests/digest';
import { checkManifest, ownerOfVdc } from '../../manifests/manifest-input';
import { findSnapshot } from '../../snapshots/read-snapshots';
import { storedVolumes } from '../../snapshots/snapshot-views';
import { withFence } from '../fence';
import { deployRevision } from './deploy';
import { copyReporter, takeSnapshot } from './snapshot';
import type { Runner, RunnerContext, RunnerOutcome } from './types';

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
  const swarm = (await vdcEngineMode(vdc)).mode === 'swarm';
  if (swarm) {
    await stopSwarmVdc(getSwarmEngine().api, vdcScope(vdc), { signal, onProgress: (m) => recorder.log(m) });
  } else {
    const { stopped } = await stopVdc(runtime, vdc.id, { instance: engineConfig().instance });
    recorder.log(stopped.length === 0 ? 'nothing was running' : `stopped ${stopped.join(', ')}`);
  }
  recorder.stepDone('stop');

  recorder.stepStarted('restore');
  if (swarm) {
    await restoreOnNodes(ctx, snapshot);
    recorder.stepDone('restore');
    return finishRestore(ctx, snapshot, manifest, safety.number, steps);
  }
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
  return finishRestore(ctx, snapshot, manifest, safety.number, steps);
};

/** On a swarm: each appliance's data back on the node it is pinned to (the manager's when none). */
async function restoreOnNodes(ctx: RunnerContext, snapshot: Awaited<ReturnType<typeof findSnapshot>>): Promise<void> {
  const { op, vdc, recorder, runtime, fence, signal } = ctx;
  const { api } = getSwarmEngine();
  const scope = vdcScope(vdc);
  const stored = storedVolumes(snapshot);
  const pins = await pinnedNodes(api, scope);
  const manager = (await api.info()).nodeId;
  const byNode = new Map<string, Set<string>>();
  for (const v of stored) {
    const node = pins.get(v.appliance) ?? manager;
    byNode.set(node, (byNode.get(node) ?? new Set()).add(v.appliance));
  }
  const deps = swarmDataDeps(runtime, fence, signal);
  let done = 0;
  for (const [nodeId, appliances] of byNode) {
    const moved = await moveSwarmVolumes(deps, {
      scope: { ...scope, key: vdc.dockerKey },
      appliances,
      source: { kind: 'snapshot', snapshotId: snapshot.id, volumes: stored },
      targetNodeId: nodeId,
      operationId: op.id,
      signal,
      onLog: (line) => recorder.log(line),
    });
    done += moved.moved.length;
    recorder.stepProgress(2, done / Math.max(1, stored.length));
    recorder.log(`restored ${[...appliances].sort().join(', ')} on their node (${formatBytes(moved.totalBytes)})`);
  }
}

/** The snapshot's manifest as the newest revision, deployed (which starts the VDC again). */
async function finishRestore(
  ctx: RunnerContext,
  snapshot: Awaited<ReturnType<typeof findSnapshot>>,
  manifest: Manifest,
  safetyNumber: number,
  steps: { key: string; title: string }[],
): Promise<RunnerOutcome> {
  const { op, vdc, recorder, lease } = ctx;
  const number = snapshot.number;
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
  await withFence(lease, (tx) => tx.operation.update({ where: { id: op.id }, data: { result: { snapshot: number, safetySnapshot: safetyNumber, revision: revision.number } } }));
  recorder.stepDone('revision');
  return deployRevision({ ...ctx, revision: await getPrisma().revision.findUniqueOrThrow({ where: { id: revision.id } }) }, steps);
}
