// `POST /bundles/import` with a `.colo.tar`: the archive is read twice from where the caller keeps
// it. First checked whole (checkDataArchive: the bundle, the data manifest, sizes, checksums,
// every entry) with nothing made; then the VDC is created (createVdc: quota, name, ports) with a
// `data_import` operation (runners/data-import.ts: a step per volume, followed like any other),
// which the worker runs reading the second read of the archive through a data pipe. A refused
// archive creates nothing; a failed filling leaves the VDC without data and the failure on its
// operation.
import { checkDataArchive, type DataArchiveLimits, volumeTars } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import type { Issue, Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { newId } from '../ids';
import type { OperationView } from '../operations/operation-views';
import { queueOperation } from '../operations/request-operation';
import type { SavedVdc } from '../vdcs/save-vdc';
import { newPipeId, PipeWriter } from './data-pipe';
import { bundleRefusal, createImportedVdc, dryRunVerdict, importContext } from './import-bundle-vdc';

export interface BundleArchiveImportRequest {
  /** The archive from its start; called once per read. */
  open: () => AsyncIterable<Uint8Array>;
  name?: string;
  dryRun?: boolean;
  /** The team the VDC goes to (its slug); the caller's personal team unless told. */
  team?: string;
  limits?: Partial<DataArchiveLimits>;
}

export interface ImportedVolume {
  appliance: string;
  volume: string;
  bytes: number;
}

export type BundleArchiveImportResult =
  | { dryRun: true; manifest: Manifest; report: string[]; errors: Issue[]; warnings: Issue[]; volumes: ImportedVolume[] }
  | ({
      dryRun: false;
      report: string[];
      volumes: ImportedVolume[];
      /** The data_import filling the volumes; none when the archive has no data. */
      operation?: OperationView;
      /** Settles once the archive has been poured into the pipe (or that failed): the upload may go then. */
      feeding: Promise<void>;
    } & Omit<SavedVdc, 'changed'>);

export async function importBundleArchiveVdc(user: AuthUser, request: BundleArchiveImportRequest): Promise<BundleArchiveImportResult> {
  const checked = await checkDataArchive(request.open(), { ...(await importContext(user)), name: request.name, limits: request.limits });
  if (!checked.ok) throw bundleRefusal(checked.reasons);
  const volumes = checked.volumes.map((v) => ({ appliance: v.appliance, volume: v.volume, bytes: v.bytes }));
  if (request.dryRun) {
    const verdict = await dryRunVerdict(user, checked.manifest, checked.newAssemblies, request.team);
    return { dryRun: true, manifest: checked.manifest, report: checked.report, ...verdict, volumes };
  }
  const { vdc, revision, warnings, adopted } = await createImportedVdc(user, checked.manifest, checked.newAssemblies, request.team);
  if (checked.volumes.length === 0) return { dryRun: false, vdc, revision, warnings, report: checked.report, volumes, feeding: Promise.resolve() };
  const pipe = newPipeId();
  let operation: OperationView;
  try {
    const params = { pipe, volumes: checked.volumes.map(({ appliance, volume, bytes, root }) => ({ appliance, volume, bytes, ...(root ? { root } : {}) })) };
    operation = await queueOperation({ id: newId('op'), vdcId: vdc.id, kind: 'data_import', params, revisionId: revision.id, requestedById: user.id });
  } catch (error) {
    await getPrisma()
      .vdc.deleteMany({ where: { id: vdc.id, deployedRevisionId: null, activeOperationId: null, operations: { none: {} } } })
      .catch(() => undefined);
    await adopted.undo().catch(() => undefined);
    throw error;
  }
  // The worker's data_import reads what this pours in; it waits its turn in the queue, so the
  // writer is patient, and gives up once the operation has ended without it.
  const open = async () => {
    const op = await getPrisma().operation.findUnique({ where: { id: operation.id }, select: { status: true } });
    return op?.status === 'queued' || op?.status === 'running';
  };
  const writer = new PipeWriter(pipe, { patienceMs: 10 * 60_000, alive: open });
  const files = new Map(checked.volumes.map((v, i) => [v.file, i]));
  const feeding = (async () => {
    try {
      for await (const event of volumeTars(request.open(), new Set(files.keys()))) {
        if (event.kind === 'start') await writer.beginVolume(files.get(event.file) ?? -1);
        else if (event.kind === 'data') await writer.data(event.chunk);
        else await writer.endVolume();
      }
      await writer.done();
    } catch (error) {
      // The operation records the failure; its reader hears why from here.
      await writer.fail(`reading the archive again failed: ${(error as Error).message}`);
    }
  })();
  return { dryRun: false, vdc, revision, warnings, report: checked.report, volumes, operation, feeding };
}
