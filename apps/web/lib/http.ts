// The HTTP edge of control: who is calling (bearer token or session cookie), JSON bodies read
// under a cap and checked with zod (request-body.ts), and errors answered through the one table
// (error-table.ts). Each route is a few lines on top of `route()` (signed in) or `publicRoute()`
// (setup and sign-in only).
import { type AuthUser, authenticate, ColoError, resumeSession } from '@colo/control';
import { httpError } from './error-table';
import { isSameOrigin, isSecureRequest, readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie';

export { MAX_BODY_BYTES, readBody } from './request-body';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

export function errorResponse(err: unknown): Response {
  const { status, body, headers } = httpError(err);
  return json(body, status, headers);
}

function bearer(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

function crossOrigin(): ColoError {
  return new ColoError('forbidden', 'this request did not come from a Colo page (Origin does not match); use an API token from scripts');
}

export interface RouteArgs<P> {
  req: Request;
  user: AuthUser;
  params: P;
  /** How the caller proved who they are. */
  via: 'token' | 'session';
}

type Context<P> = { params: Promise<P> };

interface Caller {
  user: AuthUser;
  via: 'token' | 'session';
  /** Set-Cookie to send back when the session's expiry slid forward. */
  renewCookie?: string;
}

async function identify(req: Request): Promise<Caller> {
  const token = bearer(req);
  // A bearer header decides alone: a bad token is a 401 even if a cookie rides along.
  if (token !== undefined) return { user: await authenticate(token), via: 'token' };
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie) return { user: await authenticate(undefined), via: 'token' };
  // The cookie rides along on any request the browser makes to us, whoever's page made it;
  // only our own pages may use it to change something.
  if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) throw crossOrigin();
  const session = await resumeSession(cookie);
  return {
    user: session.user,
    via: 'session',
    renewCookie: session.renewed ? sessionCookie(cookie, session.expiresAt, isSecureRequest(req)) : undefined,
  };
}

/** Authenticates (401 otherwise), runs the handler, maps any ColoError to its status. */
export function route<P = Record<string, string>>(handler: (args: RouteArgs<P>) => Promise<Response>) {
  return async (req: Request, ctx: Context<P>): Promise<Response> => {
    try {
      const caller = await identify(req);
      const res = await handler({ req, user: caller.user, via: caller.via, params: await ctx.params });
      if (caller.renewCookie) res.headers.append('set-cookie', caller.renewCookie);
      return res;
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * For the routes that work signed out (setup, sign-in). They set a cookie, so a browser
 * request from another site's page is refused; scripts without an Origin are let through.
 */
export function publicRoute(handler: (args: { req: Request }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      if (req.headers.get('origin') !== null && !isSameOrigin(req)) throw crossOrigin();
      return await handler({ req });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
