import { recheckTerminalsOf, revokeApiToken } from '@colo/control';
import { route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens (and closes the terminals it opened); anyone else's is `not_found`. */
export const DELETE = route<{ id: string }>(
  async ({ user, params }) => {
    await revokeApiToken(user.id, params.id);
    // The terminals opened with that token close now, not at their next check.
    await recheckTerminalsOf(user.id);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  },
  { scope: 'admin' },
);
