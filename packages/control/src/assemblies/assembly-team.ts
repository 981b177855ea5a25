// Assemblies belong to teams, as VDCs do: the team's members place them, its operators save new
// versions, its admins share and delete them. A user's own assemblies are their personal team's.
import type { AuthUser } from '../auth/api-tokens';
import type { TokenScope } from '../auth/token-scope';
import { ColoError } from '../errors';
import { membershipIn, type Membership, requireRole } from '../teams/team-access';
import { roleAllows } from '../teams/team-roles';

/** The caller's membership of the assembly's team, if any. */
export async function assemblyMembership(user: AuthUser, row: { teamId: string }): Promise<Membership | undefined> {
  return membershipIn(user.id, row.teamId);
}

/** Whether the caller's role in the assembly's team allows `needed` (deploy: save versions; admin: share, delete). */
export async function mayChangeAssembly(user: AuthUser, row: { teamId: string }, needed: TokenScope): Promise<boolean> {
  const m = await assemblyMembership(user, row);
  return m !== undefined && roleAllows(m.role, needed);
}

/** Throws 403 unless the caller's role in the assembly's team allows `needed`, naming what they tried. */
export async function requireAssemblyRole(user: AuthUser, row: { id: string; teamId: string }, needed: TokenScope, what: string): Promise<void> {
  const m = await assemblyMembership(user, row);
  if (!m) throw new ColoError('forbidden', `assembly "${row.id}" belongs to another team: only its team may ${what} it`);
  requireRole(user, m, `${what} assembly "${row.id}"`, needed);
}
