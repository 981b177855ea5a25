// Which teams a user is in and with what role; the one place a team-owned row (a VDC, an entry)
// is judged reachable. Another team's row is simply not found; a row of one's own team that the
// role does not allow for this request is a 403 that names the role needed.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import type { TokenScope } from '../auth/token-scope';
import { ColoError } from '../errors';
import { personalTeam } from './personal-team';
import { ROLE_MEANING, roleAllows, roleFor, type TeamRole } from './team-roles';

export interface Membership {
  teamId: string;
  slug: string;
  name: string;
  personal: boolean;
  role: TeamRole;
}

export async function membershipsOf(userId: string): Promise<Membership[]> {
  const rows = await getPrisma().teamMember.findMany({ where: { userId }, include: { team: true }, orderBy: { team: { slug: 'asc' } } });
  return rows.map((r) => ({ teamId: r.teamId, slug: r.team.slug, name: r.team.name, personal: r.team.personal, role: r.role }));
}

export async function membershipIn(userId: string, teamId: string): Promise<Membership | undefined> {
  const row = await getPrisma().teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { team: true } });
  return row ? { teamId: row.teamId, slug: row.team.slug, name: row.team.name, personal: row.team.personal, role: row.role } : undefined;
}

/** The right a request needs: what the route wrapper set, else everything. */
export function neededRight(user: AuthUser): TokenScope {
  return user.right ?? 'admin';
}

export function roleRefusal(m: Pick<Membership, 'slug' | 'role'>, needed: TokenScope, what: string): ColoError {
  const least = roleFor(needed);
  return new ColoError('forbidden', `your role in team "${m.slug}" is ${m.role} (${ROLE_MEANING[m.role]}); ${what} needs ${least === 'viewer' ? 'a' : 'an'} ${least} or more`);
}

/** Throws 403 unless the caller's role allows this request (`needed`, else the request's own right). */
export function requireRole(user: AuthUser, m: Pick<Membership, 'slug' | 'role'>, what: string, needed: TokenScope = neededRight(user)): void {
  if (!roleAllows(m.role, needed)) throw roleRefusal(m, needed, what);
}

/**
 * The team a new VDC (or entry, import, clone) goes to: the one named by slug, which the caller
 * must be an operator of, else their personal team.
 */
export async function targetTeam(user: AuthUser, slug?: string): Promise<Membership> {
  if (slug === undefined) {
    const own = await personalTeam(user.id);
    return { teamId: own.id, slug: own.slug, name: own.name, personal: true, role: 'admin' };
  }
  const m = (await membershipsOf(user.id)).find((x) => x.slug === slug);
  if (!m) throw new ColoError('not_found', `team "${slug}" not found (you are not a member)`);
  requireRole(user, m, `making something in team "${slug}"`, 'deploy');
  return m;
}
