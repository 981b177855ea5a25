// A team's quota: its members read it; Colo admins read and set any team's.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin, userRole } from '../auth/roles';
import { ColoError } from '../errors';
import { membershipsOf } from '../teams/team-access';
import { quotaColumns, quotaOf, type QuotaView } from './user-quota';
import type { QuotaOverrides } from './quota-limits';

export interface TeamQuotaView {
  team: { slug: string; name: string };
  quota: QuotaView & { overrides: QuotaOverrides };
}

async function teamBySlug(slug: string) {
  const team = await getPrisma().team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!team) throw new ColoError('not_found', `team "${slug}" not found`);
  return team;
}

export async function getTeamQuota(viewer: AuthUser, slug: string): Promise<TeamQuotaView> {
  const member = (await membershipsOf(viewer.id)).some((m) => m.slug === slug);
  if (!member && (await userRole(viewer.id)) !== 'admin') throw new ColoError('not_found', `team "${slug}" not found (you are not a member)`);
  const team = await teamBySlug(slug);
  return { team: { slug: team.slug, name: team.name }, quota: await quotaOf(team.id) };
}

export async function setTeamQuota(admin: AuthUser, slug: string, input: unknown): Promise<TeamQuotaView> {
  await requireAdmin(admin, 'set quotas');
  const data = quotaColumns(input);
  const team = await teamBySlug(slug);
  await getPrisma().teamQuota.upsert({ where: { teamId: team.id }, create: { teamId: team.id, ...data }, update: data });
  return { team: { slug: team.slug, name: team.name }, quota: await quotaOf(team.id) };
}
