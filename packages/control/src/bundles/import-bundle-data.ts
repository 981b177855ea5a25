// `POST /bundles/import` with a `.colo.tar`: the archive is read twice from where the caller keeps
// it. First checked whole (checkDataArchive: the bundle, the data manifest, sizes, checksums,
// every entry) with nothing made; then the VDC is created (createVdc: quota, name, ports) and the
// worker fills its volumes from the second read, streamed through a data pipe. If the filling
// fails, the VDC goes again: an import makes a VDC with all its data, or nothing.
import { checkDataArchive, type DataArchiveLimits, volumeTars } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import type { Issue, Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { callWorker } from '../worker-calls/call-worker';
import type { SavedVdc } from '../vdcs/save-vdc';
import { newPipeId, PipeWriter } from './data-pipe';
import { bundleRefusal, createImportedVdc, dryRunVerdict, importContext } from './import-bundle-vdc';

export interface BundleArchiveImportRequest {
  /** The archive from its start; called once per read. */
  open: () => AsyncIterable<Uint8Array>;
  name?: string;
  dryRun?: boolean;
  limits?: Partial<DataArchiveLimits>;
}

export interface ImportedVolume {
  appliance: string;
  volume: string;
  bytes: number;
}

export type BundleArchiveImportResult =
  | { dryRun: true; manifest: Manifest; report: string[]; errors: Issue[]; warnings: Issue[]; volumes: ImportedVolume[] }
  | ({ dryRun: false; report: string[]; volumes: ImportedVolume[] } & Omit<SavedVdc, 'changed'>);

export async function importBundleArchiveVdc(user: AuthUser, request: BundleArchiveImportRequest): Promise<BundleArchiveImportResult> {
  const checked = await checkDataArchive(request.open(), { ...(await importContext(user)), name: request.name, limits: request.limits });
  if (!checked.ok) throw bundleRefusal(checked.reasons);
  const volumes = checked.volumes.map((v) => ({ appliance: v.appliance, volume: v.volume, bytes: v.bytes }));
  if (request.dryRun) {
    const verdict = await dryRunVerdict(user, checked.manifest, checked.newAssemblies);
    return { dryRun: true, manifest: checked.manifest, report: checked.report, ...verdict, volumes };
  }
  const { vdc, revision, warnings, adopted } = await createImportedVdc(user, checked.manifest, checked.newAssemblies);
  try {
    const pipe = newPipeId();
    const writer = new PipeWriter(pipe);
    const fill = callWorker('bundle-data.fill', { vdcId: vdc.id, pipe, volumes: checked.volumes.map(({ appliance, volume, root }) => ({ appliance, volume, ...(root ? { root } : {}) })) });
    fill.catch((error: Error) => writer.abort(error.message));
    const files = new Map(checked.volumes.map((v, i) => [v.file, i]));
    const feed = (async () => {
      try {
        for await (const event of volumeTars(request.open(), new Set(files.keys()))) {
          if (event.kind === 'start') await writer.beginVolume(files.get(event.file) ?? -1);
          else if (event.kind === 'data') await writer.data(event.chunk);
          else await writer.endVolume();
        }
        await writer.done();
      } catch (error) {
        await writer.fail(`reading the archive again failed: ${(error as Error).message}`);
        throw error;
      }
    })();
    // The worker's answer says best what went wrong; the feed only fails with it or before it.
    const [filled] = await Promise.allSettled([fill, feed]);
    if (filled.status === 'rejected') throw filled.reason;
    await feed;
  } catch (error) {
    // Only while nothing was asked of it meanwhile (a deploy started on the half-filled VDC
    // keeps it, so no container is ever left without its record).
    await getPrisma()
      .vdc.deleteMany({ where: { id: vdc.id, deployedRevisionId: null, activeOperationId: null, operations: { none: {} } } })
      .catch(() => undefined);
    await adopted.undo().catch(() => undefined);
    throw error;
  }
  return { dryRun: false, vdc, revision, warnings, report: checked.report, volumes };
}
