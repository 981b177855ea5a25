// Forgetting a VDC: only once nothing of it is left in Docker (destroy with purge first), so a
// deleted record never strands containers or data volumes nobody can see any more.
import { getPrisma } from '@colo/db';
import { readActualState } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { findOwnedVdc } from './find-vdc';
import { refuseWhileEntries } from '../entries/entry-guards';

export async function deleteVdc(user: AuthUser, name: string): Promise<void> {
  const vdc = await findOwnedVdc(user, name);
  const prisma = getPrisma();
  const open = await prisma.operation.count({ where: { vdcId: vdc.id, status: { in: ['queued', 'running'] } } });
  if (open > 0 || vdc.activeOperationId) {
    throw new ColoError('operation_running', `VDC "${name}" has an operation queued or running; wait for it to finish`);
  }
  await refuseWhileEntries(vdc, 'delete');
  // Snapshots are data too: forgetting the VDC would strand their volumes, so they go first, on purpose.
  const snapshots = await prisma.snapshot.count({ where: { vdcId: vdc.id } });
  if (snapshots > 0) {
    throw new ColoError('not_destroyed', `VDC "${name}" has ${snapshots} snapshot${snapshots === 1 ? '' : 's'}: delete ${snapshots === 1 ? 'it' : 'them'} first (colo snapshots ${name} --delete NUMBER)`);
  }
  const actual = await readActualState(getRuntime(), { instance: engineConfig().instance, vdcId: vdc.id });
  const left = actual.containers.length + actual.networks.length + actual.volumes.length;
  if (left > 0) {
    throw new ColoError(
      'not_destroyed',
      `VDC "${name}" still has ${actual.containers.length} containers, ${actual.networks.length} networks and ` +
        `${actual.volumes.length} volumes in Docker: destroy it first (with purge to remove its data)`,
    );
  }
  // Guarded by "no operation open" again: one requested in between makes this delete nothing.
  const { count } = await prisma.vdc.deleteMany({ where: { id: vdc.id, activeOperationId: null, operations: { none: { status: { in: ['queued', 'running'] } } } } });
  if (count === 0) throw new ColoError('operation_running', `VDC "${name}" has an operation queued or running; wait for it to finish`);
}
