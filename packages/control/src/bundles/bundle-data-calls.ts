// What the worker does for a `.colo.tar` (export-bundle-data.ts and import-bundle-data.ts ask it,
// after their owner checks): measure a snapshot's volumes as tars, send them through a data pipe,
// and fill a new VDC's volumes from one. The worker finds the volumes itself from the snapshot or
// the VDC: a caller names a snapshot or a VDC, never a Docker volume.
import { manifestInstanceVolumes } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import { fillVolumes, measureVolumeArchive, openVolumeReader, type Runtime, snapshotVolumesOf } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { getCatalog } from '../catalog';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { randomAlphanumeric } from '../ids';
import { workerCall } from '../worker-calls/worker-call';
import { PIPE_ID_PATTERN, PipeWriter, readPipe, volumeFromPipe } from './data-pipe';

const snapshotId = z.string().regex(/^snap_[A-Za-z0-9]{1,64}$/, 'must be a snapshot id');
const pipe = z.string().regex(PIPE_ID_PATTERN, 'must be a data pipe id');
/** The longest a measure or a fill may take (the caller's wait); a send gives up sooner, on a silent reader. */
const TRANSFER_MS = 60 * 60_000;

/** A transfer's own volume tool, given up (and swept) after the longest a transfer call may take. */
function toolOptions(what: string) {
  const { instance, imageNamespace } = engineConfig();
  return { name: `colo-${instance}-${what}-${randomAlphanumeric(10)}-volume-tool`, instance, imageNamespace, until: new Date(Date.now() + TRANSFER_MS + 60_000) };
}

/** The snapshot's volumes in its row's order, each checked to still exist in Docker. */
async function snapshotSources(runtime: Runtime, id: string): Promise<{ appliance: string; volume: string; name: string }[]> {
  const snapshot = await getPrisma().snapshot.findUnique({ where: { id } });
  if (!snapshot || snapshot.status !== 'ready') throw new ColoError('not_found', `snapshot ${id} is not there (or not ready)`);
  const listed = (snapshot.volumes as { appliance: string; volume: string; name: string }[]) ?? [];
  const found = new Set((await snapshotVolumesOf(runtime, engineConfig().instance, id)).map((v) => v.name));
  const lost = listed.filter((v) => !found.has(v.name));
  if (lost.length > 0) throw new ColoError('not_found', `snapshot ${snapshot.number} has lost its copy of ${lost.map((v) => `${v.appliance}/${v.volume}`).join(', ')}`);
  return listed.map(({ appliance, volume, name }) => ({ appliance, volume, name }));
}

export const measureSnapshotDataCall = workerCall({
  input: z.object({ snapshotId }).strict(),
  timeoutMs: TRANSFER_MS,
  async run(asked, { runtime }) {
    const sources = await snapshotSources(runtime, asked.snapshotId);
    const reader = await openVolumeReader(runtime, { ...toolOptions('measure'), volumes: sources.map((s) => s.name) });
    try {
      const measured = [];
      for (const [i, s] of sources.entries()) measured.push({ appliance: s.appliance, volume: s.volume, ...(await measureVolumeArchive(await reader.read(i))) });
      return { volumes: measured };
    } finally {
      await reader.close();
    }
  },
});

export const sendSnapshotDataCall = workerCall({
  input: z.object({ snapshotId, pipe }).strict(),
  timeoutMs: 60_000,
  async run(asked, { runtime }) {
    const sources = await snapshotSources(runtime, asked.snapshotId);
    const reader = await openVolumeReader(runtime, { ...toolOptions('send'), volumes: sources.map((s) => s.name) });
    const writer = new PipeWriter(asked.pipe);
    // Answered once the reading has begun; the bytes follow through the pipe.
    void (async () => {
      try {
        for (const [i] of sources.entries()) {
          await writer.beginVolume(i);
          for await (const chunk of (await reader.read(i)) as AsyncIterable<Buffer>) await writer.data(chunk);
          await writer.endVolume();
        }
        await writer.done();
      } catch (error) {
        await writer.fail(`reading the snapshot's volumes failed: ${(error as Error).message}`);
      } finally {
        await reader.close().catch(() => undefined);
      }
    })();
    return { volumes: sources.length };
  },
});

const fillInput = z
  .object({
    vdcId: z.string().regex(/^vdc_[A-Za-z0-9]{1,64}$/, 'must be a VDC id'),
    pipe,
    volumes: z
      .array(
        z
          .object({
            appliance: z.string().max(63),
            volume: z.string().max(63),
            root: z.object({ uid: z.number().int().min(0).max(2 ** 31), gid: z.number().int().min(0).max(2 ** 31), mode: z.number().int().min(0).max(0o7777) }).strict().optional(),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict();

export const fillVdcDataCall = workerCall({
  input: fillInput,
  timeoutMs: TRANSFER_MS,
  async run(asked, { runtime }) {
    const prisma = getPrisma();
    const vdc = await prisma.vdc.findUnique({ where: { id: asked.vdcId } });
    if (!vdc) throw new ColoError('not_found', `VDC ${asked.vdcId} is not there`);
    // Only a VDC nothing was done to yet: its first revision, never deployed, nothing running on it.
    if (vdc.deployedRevisionId || vdc.activeOperationId || vdc.latestRevision !== 1) {
      throw new ColoError('operation_running', `VDC "${vdc.name}" is not new: data is only put into a VDC just imported`);
    }
    const revision = await prisma.revision.findUnique({ where: { vdcId_number: { vdcId: vdc.id, number: 1 } } });
    if (!revision) throw new ColoError('not_found', `VDC "${vdc.name}" has no revision 1`);
    const wanted = manifestInstanceVolumes(revision.manifest as unknown as Manifest, await getCatalog());
    const strange = asked.volumes.filter((v) => !wanted.has(`${v.appliance}/${v.volume}`));
    if (strange.length > 0) throw new ColoError('bad_request', `volume ${strange.map((v) => `${v.appliance}/${v.volume}`).join(', ')} is not an instance volume of VDC "${vdc.name}"`);
    const frames = readPipe(asked.pipe);
    try {
      const { instance, imageNamespace } = engineConfig();
      const made = await fillVolumes(runtime, {
        ...toolOptions('fill'),
        imageNamespace,
        target: { instance, vdcId: vdc.id, key: vdc.dockerKey, revisionId: revision.id },
        volumes: asked.volumes,
        next: async (i) => Readable.from(volumeFromPipe(frames, i)),
      });
      const last = await frames.next();
      if (last.done || last.value.t !== 'z') throw new ColoError('internal', 'the data pipe did not end where expected');
      return { volumes: made.volumes.length };
    } finally {
      await frames.return(undefined);
    }
  },
});
