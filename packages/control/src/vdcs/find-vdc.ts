// Ownership lives here: every lookup is by owner, so another user's VDC is simply not found.
import { getPrisma, type Revision, type Vdc } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';

export function vdcNotFound(name: string): ColoError {
  return new ColoError('not_found', `VDC "${name}" not found`);
}

export async function findOwnedVdc(user: AuthUser, name: string): Promise<Vdc> {
  const vdc = await getPrisma().vdc.findUnique({ where: { ownerId_name: { ownerId: user.id, name } } });
  if (!vdc) throw vdcNotFound(name);
  return vdc;
}

export async function ownVdcIdByName(user: AuthUser, name: string): Promise<string | undefined> {
  const vdc = await getPrisma().vdc.findUnique({ where: { ownerId_name: { ownerId: user.id, name } }, select: { id: true } });
  return vdc?.id;
}

/** A revision of the VDC by number, the newest when `number` is undefined. */
export async function findRevision(vdc: Vdc, number?: number): Promise<Revision> {
  const wanted = number ?? vdc.latestRevision;
  const rev = await getPrisma().revision.findUnique({ where: { vdcId_number: { vdcId: vdc.id, number: wanted } } });
  if (!rev) throw new ColoError('not_found', `VDC "${vdc.name}" has no revision ${wanted}`);
  return rev;
}
