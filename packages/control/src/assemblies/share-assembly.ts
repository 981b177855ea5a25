// Changing who sees an assembly, and deleting it: its team's admins alone. Deleting hides it from every
// catalog; VDCs that place one of its versions keep working and can still be deployed.
import { getPrisma } from '@colo/db';
import { assemblySharingBody } from '@colo/api';
import type { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { type AssemblyView, assemblyNotFound, getAssembly } from './assembly-views';
import { visibleTo } from './assembly-store';
import { requireAssemblyRole } from './assembly-team';

/** The request body is the contract's (@colo/api). */
export const sharingInputSchema = assemblySharingBody;
export type SharingInput = z.infer<typeof sharingInputSchema>;

async function ownAssembly(user: AuthUser, id: string, what: string) {
  const row = await getPrisma().assembly.findFirst({ where: { id, ...visibleTo(user.id) } });
  if (!row) throw assemblyNotFound(id);
  await requireAssemblyRole(user, row, 'admin', what);
  return row;
}

export async function setAssemblySharing(user: AuthUser, id: string, input: unknown): Promise<AssemblyView> {
  const body = parseInput(sharingInputSchema, input);
  await ownAssembly(user, id, 'share');
  const wanted = body.visibility === 'shared' ? [...new Set(body.users ?? [])] : [];
  if (body.visibility !== 'shared' && body.users && body.users.length > 0) {
    throw new ColoError('bad_request', `users: only a "shared" assembly has a list of users (this one would be ${body.visibility})`);
  }
  const found = await getPrisma().user.findMany({
    where: { OR: [{ id: { in: wanted } }, { email: { in: wanted.map((u) => u.trim().toLowerCase()) } }] },
    select: { id: true, email: true },
  });
  const unknown = wanted.filter((u) => !found.some((f) => f.id === u || f.email === u.trim().toLowerCase()));
  if (unknown.length > 0) throw new ColoError('bad_request', `users: no user ${unknown.map((u) => `"${u}"`).join(', ')} on this Colo`);
  const userIds = found.map((f) => f.id).filter((uid) => uid !== user.id);
  await getPrisma().$transaction([
    getPrisma().assembly.update({ where: { id }, data: { visibility: body.visibility } }),
    getPrisma().assemblyShare.deleteMany({ where: { assemblyId: id } }),
    getPrisma().assemblyShare.createMany({ data: userIds.map((userId) => ({ assemblyId: id, userId })) }),
  ]);
  return getAssembly(user, id);
}

export async function deleteAssembly(user: AuthUser, id: string): Promise<{ id: string; deleted: true }> {
  await ownAssembly(user, id, 'delete');
  await getPrisma().assembly.update({ where: { id }, data: { deletedAt: new Date() } });
  return { id, deleted: true };
}
