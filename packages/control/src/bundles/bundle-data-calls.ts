// What the worker does for `colo export --with-data` (export-bundle-data.ts asks it, after its
// owner checks): measure a snapshot's volumes as tars, and send them through a data pipe. The
// worker finds the volumes itself from the snapshot: a caller names a snapshot, never a Docker
// volume. (Filling a new VDC's volumes is an operation: operations/runners/data-import.ts.)
import { getPrisma } from '@colo/db';
import { measureVolumeArchive, openVolumeReader, type Runtime, snapshotVolumesOf } from '@colo/engine';
import { z } from 'zod';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { randomAlphanumeric } from '../ids';
import { workerCall } from '../worker-calls/worker-call';
import { PIPE_ID_PATTERN, PipeWriter } from './data-pipe';

const snapshotId = z.string().regex(/^snap_[A-Za-z0-9]{1,64}$/, 'must be a snapshot id');
const pipe = z.string().regex(PIPE_ID_PATTERN, 'must be a data pipe id');
/** The longest a measure may take (the caller's wait); a send gives up sooner, on a silent reader. */
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
