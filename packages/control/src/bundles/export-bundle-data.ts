// `GET /vdcs/:name/bundle?withData=1`: one of the owner's VDCs with a snapshot's data as a
// `.colo.tar` (the bundle of the snapshot's revision, its data manifest, one tar per volume),
// streamed. The worker reads the volumes twice: once to measure (the archive's size and each
// volume's sha256 go first), once to send; a volume that read differently fails the stream.
import { dataArchiveSize, writeDataArchive } from '@colo/bundle';
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { findSnapshot } from '../snapshots/read-snapshots';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { callWorker } from '../worker-calls/call-worker';
import { newPipeId, readPipe, volumeFromPipe } from './data-pipe';
import { exportBundleVdc } from './export-bundle-vdc';

export interface BundleDataExportRequest {
  name: string;
  /** The snapshot whose data goes in; the newest ready one when not given. */
  snapshot?: number;
}

export interface BundleDataExport {
  filename: string;
  snapshot: number;
  /** The archive's size in bytes, known before the first byte. */
  size: number;
  stream: AsyncIterable<Buffer>;
}

export async function exportBundleDataVdc(user: AuthUser, request: BundleDataExportRequest): Promise<BundleDataExport> {
  // Every byte of the VDC's data (its databases' contents too): for who may change it, not a viewer.
  const vdc = await findOwnedVdc({ ...user, right: 'deploy' }, request.name);
  let number = request.snapshot;
  if (number === undefined) {
    const newest = await getPrisma().snapshot.findFirst({ where: { vdcId: vdc.id, status: 'ready' }, orderBy: { number: 'desc' } });
    if (!newest) throw new ColoError('bad_request', `VDC "${vdc.name}" has no snapshot to take the data from: take one (colo snapshot ${vdc.name}), or use colo export --with-data, which takes one`);
    number = newest.number;
  }
  const snapshot = await findSnapshot(vdc, number);
  const { text: bundleText } = await exportBundleVdc(user, { name: vdc.name, revision: snapshot.revision.number });
  const { volumes } = await callWorker('bundle-data.measure', { snapshotId: snapshot.id });
  const input = { bundleText, snapshot: { number: snapshot.number, takenAt: (snapshot.finishedAt ?? snapshot.createdAt).toISOString() }, volumes };
  async function* stream(): AsyncGenerator<Buffer> {
    const pipe = newPipeId();
    await callWorker('bundle-data.send', { snapshotId: snapshot.id, pipe });
    const frames = readPipe(pipe);
    try {
      yield* writeDataArchive({ ...input, volumeStream: (i) => volumeFromPipe(frames, i) });
    } finally {
      await frames.return(undefined);
    }
  }
  return { filename: `${vdc.name}.colo.tar`, snapshot: snapshot.number, size: dataArchiveSize(input), stream: stream() };
}
