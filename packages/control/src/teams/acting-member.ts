// Who an operation Colo starts by itself (a wake on request, a schedule, a repair) is requested
// by: the VDC's creator while still a member of its team able to run it, else one of the team's
// admins. Operations need a requester; this keeps it a person who may do it.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';

export async function actingMember(vdc: { id: string; ownerId: string; teamId: string }): Promise<AuthUser> {
  const members = await getPrisma().teamMember.findMany({
    where: { teamId: vdc.teamId, role: { in: ['operator', 'admin'] } },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const chosen = members.find((m) => m.userId === vdc.ownerId) ?? members.find((m) => m.role === 'admin') ?? members[0];
  if (!chosen) throw new ColoError('forbidden', `VDC ${vdc.id}: its team has no operator or admin left to act for`);
  return { ...chosen.user, right: 'deploy' };
}
