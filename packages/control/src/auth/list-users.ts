// `GET /users`: every user of the installation with their role, for admins only.
import { getPrisma } from '@colo/db';
import { userView, type UserView } from '../quotas/user-quota';
import type { AuthUser } from './api-tokens';
import { requireAdmin } from './roles';

/** `GET /users` (admins): everyone, oldest first. */
export async function listUsers(admin: AuthUser): Promise<{ users: (UserView & { createdAt: Date })[] }> {
  await requireAdmin(admin, 'list users');
  const rows = await getPrisma().user.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { users: rows.map((u) => ({ ...userView(u), createdAt: u.createdAt })) };
}
