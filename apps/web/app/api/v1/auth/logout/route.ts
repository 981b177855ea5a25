import { endSession, recheckTerminalsOf } from '@colo/control';
import { route } from '../../../../../lib/http';
import { clearedSessionCookie, isSecureRequest, readCookie, SESSION_COOKIE } from '../../../../../lib/session-cookie';

export const dynamic = 'force-dynamic';

const signOut = route(
  async ({ req, user, via }) => {
    const token = readCookie(req, SESSION_COOKIE);
    // A bearer token is revoked on the tokens page; signing out only ends a browser session.
    if (via === 'session' && token) {
      await endSession(token);
      // The terminals this browser session opened close now, not at their next check.
      await recheckTerminalsOf(user.id);
    }
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  },
  // Ending one's own session changes nothing a token guards.
  { scope: 'read' },
);

export const POST = Object.assign(
  async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const res = await signOut(req, ctx);
    // Also on 401: a dead cookie should not linger in the browser.
    if (res.status === 204 || res.status === 401) res.headers.append('set-cookie', clearedSessionCookie(isSecureRequest(req)));
    return res;
  },
  { access: signOut.access },
);
