// Teams: listing mine, making one (its maker is its admin), reading one, renaming, deleting an
// empty one, and members' roles. Managing needs the team's admin role; a team never loses its
// last admin, and a personal team stays its user's alone.
import { memberRoleBody, teamCreateBody, teamUpdateBody } from '@colo/api';
import { getPrisma, Prisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { type Membership, membershipsOf, requireRole } from './team-access';
import type { TeamRole } from './team-roles';
import { checkSlug } from './team-slug';
import { inviteView, type TeamMemberView, type TeamSummary, type TeamView } from './team-views';


function notMember(slug: string): ColoError {
  return new ColoError('not_found', `team "${slug}" not found (you are not a member)`);
}

/** The caller's membership of the team `slug`, its role checked against what the request asks. */
export async function findTeam(user: AuthUser, slug: string, what = 'this request'): Promise<Membership> {
  const m = (await membershipsOf(user.id)).find((x) => x.slug === slug);
  if (!m) throw notMember(slug);
  requireRole(user, m, what);
  return m;
}

export async function listTeams(user: AuthUser): Promise<TeamSummary[]> {
  const mine = await membershipsOf(user.id);
  const counts = await getPrisma().team.findMany({
    where: { id: { in: mine.map((m) => m.teamId) } },
    select: { id: true, _count: { select: { members: true, vdcs: true } } },
  });
  const byId = new Map(counts.map((c) => [c.id, c._count]));
  return mine.map((m) => ({ id: m.teamId, slug: m.slug, name: m.name, personal: m.personal, role: m.role, members: byId.get(m.teamId)?.members ?? 1, vdcs: byId.get(m.teamId)?.vdcs ?? 0 }));
}

export async function createTeam(user: AuthUser, body: unknown): Promise<TeamView> {
  const input = parseInput(teamCreateBody, body);
  const slug = checkSlug(input.slug);
  try {
    await getPrisma().team.create({ data: { id: newId('team'), slug, name: input.name ?? slug, members: { create: { userId: user.id, role: 'admin' } } } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new ColoError('name_taken', `slug: a team "${slug}" exists: choose another slug`);
    throw err;
  }
  return getTeam({ ...user, right: 'read' }, slug);
}

export async function getTeam(user: AuthUser, slug: string): Promise<TeamView> {
  const m = await findTeam(user, slug);
  const team = await getPrisma().team.findUniqueOrThrow({
    where: { id: m.teamId },
    include: {
      members: { include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: 'asc' } },
      invites: { orderBy: { createdAt: 'desc' }, take: 50 },
      _count: { select: { vdcs: true } },
    },
  });
  const memberList: TeamMemberView[] = team.members.map((x) => ({ userId: x.userId, email: x.user.email, name: x.user.name, role: x.role, since: x.createdAt }));
  const emails = new Map(team.members.map((x) => [x.userId, x.user.email]));
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    personal: team.personal,
    role: m.role,
    members: team.members.length,
    vdcs: team._count.vdcs,
    memberList,
    ...(m.role === 'admin' ? { invites: team.invites.map((i) => inviteView(i, i.acceptedById ? (emails.get(i.acceptedById) ?? 'a former member') : null)) } : {}),
  };
}

export async function renameTeam(user: AuthUser, slug: string, body: unknown): Promise<TeamView> {
  const m = await findTeam(user, slug, `renaming team "${slug}"`);
  const { name } = parseInput(teamUpdateBody, body);
  await getPrisma().team.update({ where: { id: m.teamId }, data: { name } });
  return getTeam({ ...user, right: 'read' }, slug);
}

/** Only an empty team (no VDC, no entry) that is not someone's personal one. */
export async function deleteTeam(user: AuthUser, slug: string): Promise<{ deleted: string }> {
  const m = await findTeam(user, slug, `deleting team "${slug}"`);
  if (m.personal) throw new ColoError('bad_request', `team "${slug}" is a personal team: it goes with its user`);
  const prisma = getPrisma();
  const [vdcs, entries] = await Promise.all([prisma.vdc.count({ where: { teamId: m.teamId } }), prisma.entry.count({ where: { teamId: m.teamId } })]);
  if (vdcs + entries > 0) throw new ColoError('bad_request', `team "${slug}" still owns ${vdcs} VDC(s) and ${entries} entr${entries === 1 ? 'y' : 'ies'}: delete or move them first`);
  await prisma.team.delete({ where: { id: m.teamId } });
  return { deleted: slug };
}

async function adminsLeft(tx: Prisma.TransactionClient, teamId: string, without: string): Promise<number> {
  return tx.teamMember.count({ where: { teamId, role: 'admin', userId: { not: without } } });
}

async function memberOrThrow(tx: Prisma.TransactionClient, teamId: string, slug: string, userIdOrEmail: string) {
  const key = userIdOrEmail.trim().toLowerCase();
  const row = await tx.teamMember.findFirst({ where: { teamId, ...(key.includes('@') ? { user: { email: key } } : { userId: userIdOrEmail }) } });
  if (!row) throw new ColoError('not_found', `"${userIdOrEmail}" is not a member of team "${slug}"`);
  return row;
}

export async function setMemberRole(user: AuthUser, slug: string, member: string, body: unknown): Promise<TeamView> {
  const m = await findTeam(user, slug, `changing roles in team "${slug}"`);
  const { role } = parseInput(memberRoleBody, body);
  if (m.personal) throw new ColoError('bad_request', `team "${slug}" is a personal team: its only member is its admin`);
  await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Team" WHERE "id" = ${m.teamId} FOR UPDATE`;
    const row = await memberOrThrow(tx, m.teamId, slug, member);
    if (row.role === 'admin' && role !== 'admin' && (await adminsLeft(tx, m.teamId, row.userId)) === 0) {
      throw new ColoError('bad_request', `team "${slug}" would have no admin left: make another member admin first`);
    }
    await tx.teamMember.update({ where: { teamId_userId: { teamId: m.teamId, userId: row.userId } }, data: { role: role as TeamRole } });
  });
  return getTeam({ ...user, right: 'read' }, slug);
}

/** An admin removes a member; anyone may leave (remove themselves), except the last admin. */
export async function removeMember(user: AuthUser, slug: string, member: string): Promise<{ removed: string }> {
  const mine = (await membershipsOf(user.id)).find((x) => x.slug === slug);
  if (!mine) throw notMember(slug);
  const self = member === user.id || member.trim().toLowerCase() === user.email;
  if (!self) requireRole(user, mine, `removing members of team "${slug}"`, 'admin');
  if (mine.personal) throw new ColoError('bad_request', `team "${slug}" is a personal team: it goes with its user`);
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Team" WHERE "id" = ${mine.teamId} FOR UPDATE`;
    const row = await memberOrThrow(tx, mine.teamId, slug, member);
    if (row.role === 'admin' && (await adminsLeft(tx, mine.teamId, row.userId)) === 0) {
      throw new ColoError('bad_request', `team "${slug}" would have no admin left: make another member admin first`);
    }
    await tx.teamMember.delete({ where: { teamId_userId: { teamId: mine.teamId, userId: row.userId } } });
    return { removed: row.userId };
  });
}
