// Roles, enforced before any route's own code runs: a request naming a VDC (`/vdcs/:name/…`) or
// a team (`/teams/:team/…`) goes on only when the caller is in its team with a role that allows
// what the route does (its token scope: read → viewer, deploy → operator, admin → admin). Another
// team's VDC or team is a 404; too small a role a 403 that names the role needed. Control checks
// the same again where it finds the row, so a route that forgot nothing and one that forgot
// something are both covered.
import { findReachableVdc, findTeam, type AuthUser } from '@colo/control';

export async function guardTeamAccess(user: AuthUser, pathname: string, params: unknown): Promise<void> {
  const p = (params ?? {}) as Record<string, unknown>;
  if (pathname.startsWith('/api/v1/vdcs/') && typeof p.name === 'string') {
    await findReachableVdc(user, p.name);
  } else if (pathname.startsWith('/api/v1/teams/') && typeof p.team === 'string') {
    await findTeam(user, p.team);
  }
}
