// What each team role may do, in the same three steps as API token scopes: a viewer reads, an
// operator also changes and runs VDCs (deploy, exec), an admin also manages the team. A request
// is allowed what both its token scope and the caller's role in the team allow.
import type { TeamRole } from '@colo/db';
import type { TokenScope } from '../auth/token-scope';

export type { TeamRole };

export const TEAM_ROLES = ['viewer', 'operator', 'admin'] as const satisfies readonly TeamRole[];

const ROLE_FOR: Record<TokenScope, TeamRole> = { read: 'viewer', deploy: 'operator', admin: 'admin' };

export const ROLE_MEANING: Record<TeamRole, string> = {
  viewer: 'read only: no changes, no terminals, no secrets',
  operator: 'read, change and run its VDCs (deploy, stop, snapshot, terminals); not manage the team',
  admin: 'everything, including members, invitations and the team itself',
};

export function roleAllows(role: TeamRole, needed: TokenScope): boolean {
  return TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(ROLE_FOR[needed]);
}

/** The least role that may do what `needed` names. */
export function roleFor(needed: TokenScope): TeamRole {
  return ROLE_FOR[needed];
}
