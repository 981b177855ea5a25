// clone: a new VDC with copies of all the source's data, from the source live (its writers paused
// for the last pass) or from one of its snapshots. It runs as an operation of the SOURCE, under
// its claim: nothing else of the source (a deploy, a snapshot's deletion) runs meanwhile. The new
// VDC's id was chosen when the clone was asked for, so a retry copies into the same volumes; its
// row, revision 1 and first deploy are written in one fenced transaction once the data is whole,
// and a clone that fails leaves no VDC and no volume behind. The source is only ever read.
import { getPrisma, type Prisma, type Revision } from '@colo/db';
import { baseLabels, type CloneSource, cloneVolumes, collectSwarmVolumes, formatBytes, instanceVolumeName, LABEL } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { engineConfig, vdcScope } from '../../docker/engine-access';
import { vdcEngineMode } from '../../docker/engine-mode';
import { swarmCopyResult, swarmDataDeps } from '../../docker/swarm-data';
import { ColoError } from '../../errors';
import { dockerKeyFor, newId } from '../../ids';
import { manifestDigest } from '../../manifests/digest';
import { checkManifest, ownerOfVdc } from '../../manifests/manifest-input';
import { openSecrets, sealSecrets } from '../../secrets';
import { renamedManifest } from '../../snapshots/clone-manifest';
import { findSnapshot } from '../../snapshots/read-snapshots';
import { storedVolumes } from '../../snapshots/snapshot-views';
import { withFence } from '../fence';
import { enqueueOperation } from '../queue';
import { copyReporter } from './snapshot';
import type { Runner, RunnerContext } from './types';

export interface CloneParams {
  name: string;
  snapshot?: number;
  /** Chosen when asked for: the new VDC's id and first revision's id. */
  vdcId: string;
  revisionId: string;
  /** Source host port → the clone's. */
  ports: Record<string, number>;
}

/** The manifest the clone starts from: the snapshot's revision, or the one the source runs (else its newest). */
export async function cloneSourceRevision(vdc: RunnerContext['vdc'], snapshot: number | undefined): Promise<Revision> {
  if (snapshot !== undefined) return (await findSnapshot(vdc, snapshot)).revision;
  const prisma = getPrisma();
  if (vdc.deployedRevisionId) {
    const deployed = await prisma.revision.findUnique({ where: { id: vdc.deployedRevisionId } });
    if (deployed) return deployed;
  }
  return prisma.revision.findUniqueOrThrow({ where: { vdcId_number: { vdcId: vdc.id, number: vdc.latestRevision } } });
}

export const runClone: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal } = ctx;
  const params = op.params as unknown as CloneParams;
  const prisma = getPrisma();
  await recorder.defineSteps([
    { key: 'copy', title: params.snapshot === undefined ? `copy every volume of ${vdc.name} (writers paused for the last pass)` : `copy the volumes of snapshot ${params.snapshot}` },
    { key: 'create', title: `create VDC ${params.name} and deploy it` },
  ]);

  const done = await prisma.vdc.findUnique({ where: { id: params.vdcId } });
  if (!done) {
    const revision = await cloneSourceRevision(vdc, params.snapshot);
    const { manifest } = await checkManifest(ownerOfVdc(vdc), renamedManifest(revision.manifest as unknown as Manifest, params.name, params.ports), { mode: 'deploy' });
    const taken = await prisma.vdc.findUnique({ where: { teamId_name: { teamId: vdc.teamId, name: params.name } } });
    if (taken) throw new ColoError('name_taken', `a VDC named "${params.name}" exists now`, { retryable: false });

    recorder.stepStarted('copy');
    const target = { instance: engineConfig().instance, vdcId: params.vdcId, key: dockerKeyFor(params.name, params.vdcId), revisionId: params.revisionId };
    let source: CloneSource = { kind: 'vdc', scope: vdcScope(vdc) };
    if (params.snapshot !== undefined) {
      const snapshot = await findSnapshot(vdc, params.snapshot);
      source = { kind: 'snapshot', instance: target.instance, snapshotId: snapshot.id, expected: storedVolumes(snapshot) };
    }
    try {
      // A swarm VDC's live data is on its nodes: collected into the clone's volumes on the manager
      // (where its first deploy pins them). A snapshot's copies are on the manager already.
      const fromNodes = source.kind === 'vdc' && (await vdcEngineMode(vdc)).mode === 'swarm';
      const { volumes, copy } = fromNodes
        ? await collectForClone(ctx, target)
        : await cloneVolumes(runtime, {
            source,
            target,
            operationId: op.id,
            imageNamespace: engineConfig().imageNamespace,
            signal,
            onProgress: copyReporter(recorder, 0),
          });
      recorder.log(`copied ${volumes.length} volumes (${formatBytes(copy.totalBytes)}) by ${copy.method}; ${copy.pauseMs ? `writers paused ${copy.pauseMs} ms` : 'nothing paused'}`);
      recorder.stepDone('copy');

      recorder.stepStarted('create');
      const deployId = newId('op');
      await withFence(lease, async (tx) => {
        await tx.vdc.create({
          data: {
            id: params.vdcId,
            ownerId: op.requestedById,
            teamId: vdc.teamId,
            name: params.name,
            dockerKey: target.key,
            latestRevision: 1,
            // The data holds the source's generated passwords: the clone keeps them, sealed for itself.
            secrets: vdc.secrets ? sealSecrets(params.vdcId, openSecrets(vdc.id, vdc.secrets)) : null,
          },
        });
        await tx.revision.create({
          data: { id: params.revisionId, vdcId: params.vdcId, number: 1, manifest: manifest as Prisma.InputJsonValue, digest: manifestDigest(manifest), authorId: op.requestedById },
        });
        await tx.operation.create({
          data: { id: deployId, vdcId: params.vdcId, kind: 'deploy', params: { revision: 1 }, revisionId: params.revisionId, requestedById: op.requestedById },
        });
        await tx.operation.update({ where: { id: op.id }, data: { result: { vdc: params.name, deployOperation: deployId, ports: params.ports } } });
      });
      recorder.log(`created VDC ${params.name}; its deploy is ${deployId}`);
      await enqueueOperation(deployId).catch((e: Error) => recorder.log(`the deploy is queued in Postgres; Redis refused it for now (${e.message}): the worker picks it up`));
    } catch (error) {
      // No VDC row means no one owns these volumes: take them away again.
      if (!(await prisma.vdc.findUnique({ where: { id: params.vdcId } }))) await removeVolumesOf(ctx, params.vdcId).catch(() => undefined);
      throw error;
    }
  } else {
    recorder.log(`VDC ${params.name} was created by an earlier attempt`);
    recorder.stepSkipped('copy');
    recorder.stepStarted('create');
  }
  recorder.stepDone('create');
  return {};
};

async function collectForClone(ctx: RunnerContext, target: { instance: string; vdcId: string; key: string; revisionId: string }) {
  const { op, vdc, recorder, runtime, fence, signal } = ctx;
  const taken = await collectSwarmVolumes(swarmDataDeps(runtime, fence, signal), {
    scope: vdcScope(vdc),
    operationId: op.id,
    signal,
    onLog: (line) => recorder.log(line),
    onFraction: (f) => recorder.stepProgress(0, f),
    target: (v) => ({
      name: instanceVolumeName(target.key, v.appliance, v.volume),
      labels: { ...baseLabels(target, target.revisionId), [LABEL.appliance]: v.appliance, [LABEL.volume]: v.volume },
    }),
  });
  return swarmCopyResult(taken);
}

async function removeVolumesOf({ runtime }: RunnerContext, vdcId: string): Promise<void> {
  const volumes = await runtime.listVolumes([`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`, `${LABEL.vdc}=${vdcId}`]);
  for (const v of volumes) await runtime.removeVolume(v.name);
}
