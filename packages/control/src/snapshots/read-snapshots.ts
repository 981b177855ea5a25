// Reading snapshots, always through their VDC's owner (find-vdc.ts): another user's are not found.
import { getPrisma, type Revision, type Snapshot, type Vdc } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { type SnapshotView, snapshotView } from './snapshot-views';

export async function listSnapshots(user: AuthUser, vdcName: string): Promise<SnapshotView[]> {
  const vdc = await findOwnedVdc(user, vdcName);
  const rows = await getPrisma().snapshot.findMany({
    where: { vdcId: vdc.id },
    include: { revision: { select: { number: true } } },
    orderBy: { number: 'desc' },
  });
  return rows.map((s) => snapshotView(s, vdc.name));
}

export async function getSnapshot(user: AuthUser, vdcName: string, number: number): Promise<SnapshotView> {
  const vdc = await findOwnedVdc(user, vdcName);
  return snapshotView(await findSnapshot(vdc, number), vdc.name);
}

/** A snapshot of the VDC by number; `ready` only, unless `anyStatus`. */
export async function findSnapshot(
  vdc: Pick<Vdc, 'id' | 'name'>,
  number: number,
  opts: { anyStatus?: boolean } = {},
): Promise<Snapshot & { revision: Revision }> {
  const snapshot = await getPrisma().snapshot.findUnique({ where: { vdcId_number: { vdcId: vdc.id, number } }, include: { revision: true } });
  if (!snapshot) throw new ColoError('not_found', `VDC "${vdc.name}" has no snapshot ${number}`);
  if (!opts.anyStatus && snapshot.status !== 'ready') {
    throw new ColoError('bad_request', `snapshot ${number} of VDC "${vdc.name}" is still being taken`);
  }
  return snapshot;
}
