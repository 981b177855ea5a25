// Access to VDCs lives here: every lookup goes through the caller's teams, so a VDC of a team
// they are not in is simply not found, and their role in its team must allow the request.
// A VDC is named `name`, or `name@team` where two of the caller's teams have one of that name,
// or by its id (`vdc_…`: never a name, which is a DNS label), as Colo's own callers do.
import { getPrisma, type Revision, type Vdc } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { neededRight, requireRole } from '../teams/team-access';
import type { TeamRole } from '../teams/team-roles';

export function vdcNotFound(name: string): ColoError {
  return new ColoError('not_found', `VDC "${name}" not found`);
}

export interface VdcRef {
  name: string;
  /** The team's slug when the reference names one (`shop@acme`). */
  team?: string;
}

export function splitVdcRef(ref: string): VdcRef {
  const at = ref.lastIndexOf('@');
  return at > 0 ? { name: ref.slice(0, at), team: ref.slice(at + 1) } : { name: ref };
}

export interface ReachableVdc {
  vdc: Vdc;
  team: { slug: string; name: string; personal: boolean };
  role: TeamRole;
}

/** Every VDC of the caller's teams that `ref` names (none, one, or one per team). */
async function candidates(user: AuthUser, ref: string): Promise<ReachableVdc[]> {
  const { name, team } = splitVdcRef(ref);
  const byId = /^vdc_[a-z0-9]+$/.test(ref);
  const rows = await getPrisma().vdc.findMany({
    where: byId
      ? { id: ref, team: { members: { some: { userId: user.id } } } }
      : { name, team: { ...(team ? { slug: team } : {}), members: { some: { userId: user.id } } } },
    include: { team: { select: { slug: true, name: true, personal: true, members: { where: { userId: user.id }, select: { role: true } } } } },
  });
  return rows.map(({ team: t, ...vdc }) => ({ vdc, team: { slug: t.slug, name: t.name, personal: t.personal }, role: t.members[0]?.role ?? 'viewer' }));
}

function ambiguous(ref: string, found: ReachableVdc[]): ColoError {
  const names = found.map((f) => `${ref}@${f.team.slug}`).join(' or ');
  return new ColoError('bad_request', `VDC "${ref}" exists in ${found.length} of your teams: name it ${names}`);
}

/** The VDC with the caller's role in its team, checked against what the request asks (`user.right`). */
export async function findReachableVdc(user: AuthUser, ref: string): Promise<ReachableVdc> {
  const found = await candidates(user, ref);
  if (found.length === 0) throw vdcNotFound(ref);
  if (found.length > 1) throw ambiguous(ref, found);
  const [hit] = found;
  requireRole(user, { slug: hit.team.slug, role: hit.role }, `this request to VDC "${hit.vdc.name}"`, neededRight(user));
  return hit;
}

export async function findOwnedVdc(user: AuthUser, ref: string): Promise<Vdc> {
  return (await findReachableVdc(user, ref)).vdc;
}

/** The VDC `ref` names in the caller's teams (id and team), without a role check; undefined if none or ambiguous. */
export async function vdcIdOf(user: AuthUser, ref: string): Promise<{ id: string; teamId: string } | undefined> {
  const found = await candidates(user, ref);
  return found.length === 1 ? { id: found[0].vdc.id, teamId: found[0].vdc.teamId } : undefined;
}

/** The id of the VDC named `name` in one team (names are unique per team). */
export async function vdcIdInTeam(teamId: string, name: string): Promise<string | undefined> {
  const row = await getPrisma().vdc.findUnique({ where: { teamId_name: { teamId, name } }, select: { id: true } });
  return row?.id;
}

/** A revision of the VDC by number, the newest when `number` is undefined. */
export async function findRevision(vdc: Vdc, number?: number): Promise<Revision> {
  const wanted = number ?? vdc.latestRevision;
  const rev = await getPrisma().revision.findUnique({ where: { vdcId_number: { vdcId: vdc.id, number: wanted } } });
  if (!rev) throw new ColoError('not_found', `VDC "${vdc.name}" has no revision ${wanted}`);
  return rev;
}
