// Which audit events a user may read: the ONE place that says so (teams will change only this
// function). Today: an admin reads everything; anyone else reads what they did and what happened
// to the VDCs they own — Colo's own events on them included. A deleted VDC is no longer owned,
// so its events stay visible to whoever did them, and to admins.
import { getPrisma, type Prisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { userRole } from '../auth/roles';

export async function auditVisibility(user: AuthUser): Promise<Prisma.AuditEventWhereInput> {
  if ((await userRole(user.id)) === 'admin') return {};
  const owned = await getPrisma().vdc.findMany({ where: { ownerId: user.id }, select: { id: true } });
  return { OR: [{ actorId: user.id }, { vdcId: { in: owned.map((v) => v.id) } }] };
}
