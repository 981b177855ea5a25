// Which audit events a user may read: the ONE place that says so. A Colo admin reads everything;
// anyone else reads what they did, and what happened in their teams: to the team's VDCs (Colo's
// own events on them included) and the team itself. An event keeps the team it happened in, so a
// deleted VDC's history stays readable by its team.
import { getPrisma, type Prisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { userRole } from '../auth/roles';
import { membershipsOf } from '../teams/team-access';

export async function auditVisibility(user: AuthUser): Promise<Prisma.AuditEventWhereInput> {
  if ((await userRole(user.id)) === 'admin') return {};
  const teamIds = (await membershipsOf(user.id)).map((m) => m.teamId);
  const vdcs = await getPrisma().vdc.findMany({ where: { teamId: { in: teamIds } }, select: { id: true } });
  return { OR: [{ actorId: user.id }, { teamId: { in: teamIds } }, { vdcId: { in: vdcs.map((v) => v.id) } }] };
}
