// Who may administer Colo. A user's role lives in the database (User.role); the first user of an
// installation is an admin. Every admin-only operation passes `requireAdmin`, and nothing else.
import { getPrisma, type UserRole } from '@colo/db';
import { ColoError } from '../errors';
import type { AuthUser } from './api-tokens';

export type { UserRole };

export async function userRole(userId: string): Promise<UserRole> {
  const row = await getPrisma().user.findUnique({ where: { id: userId }, select: { role: true } });
  return row?.role ?? 'user';
}

/**
 * The one gate of admin-only operations: `forbidden` unless the caller is an admin. A check of
 * the API token's own scope (an `admin` scope) belongs here too, so no route can forget it.
 */
export async function requireAdmin(user: AuthUser, what = 'do this'): Promise<void> {
  if ((await userRole(user.id)) !== 'admin') throw new ColoError('forbidden', `only an admin may ${what}`);
}
