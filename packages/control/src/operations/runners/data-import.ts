// data_import: fills a VDC just imported from a `.colo.tar` with the archive's data, one step per
// volume, before its first deploy. The bytes come through the data pipe the web process feeds
// from the upload (bundles/import-bundle-data.ts), checked whole before this operation was asked
// for. They can be read once: a second attempt cannot resume and says so. The volumes are made
// here and removed again if the filling fails, leaving the VDC without data, as before.
import { manifestInstanceVolumes } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import { fillVolumes, formatBytes } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { PIPE_ID_PATTERN, readPipe, volumeFromPipe } from '../../bundles/data-pipe';
import { catalogForStored } from '../../assemblies/assembly-catalog';
import { engineConfig } from '../../docker/engine-access';
import { ColoError } from '../../errors';
import { randomAlphanumeric } from '../../ids';
import type { Runner } from './types';

export const dataImportParams = z
  .object({
    pipe: z.string().regex(PIPE_ID_PATTERN),
    volumes: z
      .array(
        z
          .object({
            appliance: z.string().max(63),
            volume: z.string().max(63),
            bytes: z.number().int().min(0),
            root: z.object({ uid: z.number().int().min(0), gid: z.number().int().min(0), mode: z.number().int().min(0).max(0o7777) }).strict().optional(),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict();

export type DataImportParams = z.infer<typeof dataImportParams>;

/** How long a fill may take at most: past it, the sweep removes its tool (volume-archives.ts). */
const FILL_MS = 60 * 60_000;

export const runDataImport: Runner = async (ctx) => {
  const { op, vdc, recorder, runtime } = ctx;
  const parsed = dataImportParams.safeParse(op.params);
  if (!parsed.success) throw new ColoError('bad_request', 'data_import: its parameters are not what an import writes', { retryable: false });
  const { pipe, volumes } = parsed.data;
  const key = (v: { appliance: string; volume: string }) => `${v.appliance}/${v.volume}`;
  await recorder.defineSteps(volumes.map((v) => ({ key: `fill:${key(v)}`, title: `fill ${key(v)} (${formatBytes(v.bytes)} of tar)` })));
  if (op.attempts > 1) {
    throw new ColoError('bad_request', 'an import cannot be resumed: its data was streamed to the first attempt; delete the VDC and import the file again', { retryable: false });
  }
  const current = await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } });
  if (current.deployedRevisionId || current.latestRevision !== 1) {
    throw new ColoError('bad_request', `VDC "${vdc.name}" is not the VDC just imported: data is only put into a new one`, { retryable: false });
  }
  const revision = await getPrisma().revision.findUniqueOrThrow({ where: { vdcId_number: { vdcId: vdc.id, number: 1 } } });
  // With the assembly versions the manifest places (a user's own too), as the deploy expands them.
  const wanted = manifestInstanceVolumes(revision.manifest as unknown as Manifest, await catalogForStored(revision.manifest));
  const strange = volumes.filter((v) => !wanted.has(key(v)));
  if (strange.length > 0) throw new ColoError('bad_request', `volume ${strange.map(key).join(', ')} is not an instance volume of VDC "${vdc.name}"`, { retryable: false });

  const frames = readPipe(pipe);
  const { instance, imageNamespace } = engineConfig();
  let started = -1;
  const finishStep = () => {
    if (started >= 0) recorder.stepDone(`fill:${key(volumes[started])}`);
  };
  try {
    const made = await fillVolumes(runtime, {
      name: `colo-${instance}-fill-${randomAlphanumeric(10)}-volume-tool`,
      instance,
      imageNamespace,
      until: new Date(Date.now() + FILL_MS),
      target: { instance, vdcId: vdc.id, key: vdc.dockerKey, revisionId: revision.id },
      volumes,
      next: async (i) => {
        finishStep();
        started = i;
        recorder.stepStarted(`fill:${key(volumes[i])}`);
        const total = Math.max(volumes[i].bytes, 1);
        let got = 0;
        async function* counted() {
          for await (const chunk of volumeFromPipe(frames, i)) {
            got += chunk.length;
            recorder.stepProgress(i, Math.min(got / total, 1));
            yield chunk;
          }
        }
        return Readable.from(counted());
      },
    });
    const last = await frames.next();
    if (last.done || last.value.t !== 'z') throw new ColoError('internal', 'the data pipe did not end where expected');
    finishStep();
    recorder.log(`filled ${made.volumes.length} volume${made.volumes.length === 1 ? '' : 's'} of ${vdc.name} from the archive`);
  } catch (error) {
    // Nothing to come back for: a retry cannot read the pipe again (and says so at once).
    if (error instanceof ColoError) throw new ColoError(error.code, error.message, { retryable: false, cause: error });
    throw error;
  } finally {
    await frames.return(undefined);
  }
  return {};
};
