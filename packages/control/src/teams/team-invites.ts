// Invitations by link: a team admin makes one with a role and a lifetime; the link carries a
// secret shown once (only its hash is kept); whoever opens it signed in joins with that role,
// once. An invitation can be revoked until it is used.
import { inviteAcceptBody, inviteCreateBody } from '@colo/api';
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { findTeam } from './manage-teams';
import { inviteState, inviteView, type TeamInviteView } from './team-views';


export interface CreatedInvite {
  invite: TeamInviteView;
  /** The secret of the link, shown once: `/invite/<token>` on this Colo. */
  token: string;
}

export async function createInvite(user: AuthUser, slug: string, body: unknown): Promise<CreatedInvite> {
  const m = await findTeam(user, slug, `inviting to team "${slug}"`);
  if (m.personal) throw new ColoError('bad_request', `team "${slug}" is a personal team: make a team to invite others (colo team create)`);
  const input = parseInput(inviteCreateBody, body ?? {});
  const token = newSecretToken('cinv');
  const row = await getPrisma().teamInvite.create({
    data: { id: newId('inv'), teamId: m.teamId, role: input.role, tokenHash: hashSecretToken(token), createdById: user.id, expiresAt: new Date(Date.now() + input.expiresInHours * 3600_000) },
  });
  return { invite: inviteView(row, null), token };
}

export async function revokeInvite(user: AuthUser, slug: string, inviteId: string): Promise<TeamInviteView> {
  const m = await findTeam(user, slug, `revoking invitations of team "${slug}"`);
  const row = await getPrisma().teamInvite.findFirst({ where: { id: inviteId, teamId: m.teamId } });
  if (!row) throw new ColoError('not_found', `team "${slug}" has no invitation ${inviteId}`);
  if (row.acceptedAt) throw new ColoError('bad_request', `invitation ${inviteId} was used already: remove the member instead`);
  const updated = row.revokedAt ? row : await getPrisma().teamInvite.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  return inviteView(updated, null);
}

/** What the invitation page shows before the user accepts. */
export async function previewInvite(token: string): Promise<{ team: { slug: string; name: string }; role: string; state: TeamInviteView['state'] }> {
  const row = await getPrisma().teamInvite.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { team: { select: { slug: true, name: true } } } });
  if (!row) throw new ColoError('not_found', 'this invitation link is not valid');
  return { team: row.team, role: row.role, state: inviteState(row) };
}

export async function acceptInvite(user: AuthUser, body: unknown): Promise<{ team: { slug: string; name: string }; role: string }> {
  const { token } = parseInput(inviteAcceptBody, body);
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.teamInvite.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { team: { select: { slug: true, name: true } } } });
    if (!row) throw new ColoError('not_found', 'this invitation link is not valid');
    // One use: the conditional update wins once, whoever races.
    const claimed = await tx.teamInvite.updateMany({
      where: { id: row.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (claimed.count === 0) {
      const state = inviteState(row);
      const words = state === 'revoked' ? 'was revoked' : state === 'expired' ? 'has expired' : 'was used already';
      throw new ColoError('bad_request', `this invitation ${words}: ask a team admin for a new one`);
    }
    const existing = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: row.teamId, userId: user.id } } });
    if (existing) throw new ColoError('bad_request', `you are already a member of team "${row.team.slug}" (${existing.role})`);
    await tx.teamMember.create({ data: { teamId: row.teamId, userId: user.id, role: row.role } });
    return { team: row.team, role: row.role };
  });
}
