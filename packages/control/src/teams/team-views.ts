// What the API shows of teams: members with their roles, invitations without their secret.
import type { TeamInvite, TeamRole } from '@colo/db';

export interface TeamSummary {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  /** The caller's role. */
  role: TeamRole;
  members: number;
  vdcs: number;
}

export interface TeamMemberView {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  since: Date;
}

export interface TeamInviteView {
  id: string;
  role: TeamRole;
  createdAt: Date;
  expiresAt: Date;
  state: 'open' | 'accepted' | 'revoked' | 'expired';
  acceptedBy: string | null;
}

export interface TeamView extends TeamSummary {
  memberList: TeamMemberView[];
  /** Only for the team's admins. */
  invites?: TeamInviteView[];
}

export function inviteState(invite: Pick<TeamInvite, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = Date.now()): TeamInviteView['state'] {
  if (invite.acceptedAt) return 'accepted';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt.getTime() <= now ? 'expired' : 'open';
}

export function inviteView(invite: TeamInvite, acceptedBy: string | null): TeamInviteView {
  return { id: invite.id, role: invite.role, createdAt: invite.createdAt, expiresAt: invite.expiresAt, state: inviteState(invite), acceptedBy };
}
