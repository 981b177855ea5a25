// The HTTP edge of control: who is calling (bearer token or session cookie), JSON bodies read
// under a cap and checked with zod (request-body.ts), and errors answered through the one table
// (error-table.ts). Each route is a few lines on top of `route()` (signed in), `publicRoute()`
// (setup and sign-in only) or `linkRoute()` (a node bootstrap link: the secret in its path).
import { type AuthUser, authenticateSession, authenticateToken, ColoError, requireScope, resumeSession, type TokenScope } from '@colo/control';
import { beginAudit, finishAudit, type PendingAudit } from './audit-request';
import { httpError } from './error-table';
import { guardTeamAccess } from './team-guard';
import { isSameOrigin, isSecureRequest, readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie';

export { MAX_BODY_BYTES, readBody } from './request-body';
export { readQuery } from './request-query';

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
  /** The token's scope; a browser session has every right of its user (`admin`). */
  scope: TokenScope;
  /**
   * Checks the same credentials again (401 once the session ended or the token was revoked or
   * expired); live streams call it periodically and end when it throws.
   */
  recheck: () => Promise<void>;
}

type Context<P> = { params: Promise<P> };

export interface RouteOptions {
  /**
   * The token scope this route needs. Unless told: `read` for GET/HEAD, `deploy` for anything
   * that changes something. Token and user management say `admin`.
   */
  scope?: TokenScope;
  /**
   * Whether a call goes to the audit log. Unless told: every request that may change something
   * (not GET/HEAD/OPTIONS). A GET that hands out something sensitive says `true`.
   */
  audit?: boolean;
  /**
   * Whether the caller's role in the team of the VDC or team the path names is checked before
   * the handler (team-guard.ts). Unless told: yes. Leaving a team says no: any member may.
   */
  teamGuard?: boolean;
}

/** What a route file's export demands of its caller; the route tests read it from every export. */
export interface RouteAccess {
  /** `link`: the one-use secret in the path is the only credential (linkRoute). */
  auth: 'user' | 'public' | 'link';
  /** Undefined: decided by the method, as RouteOptions.scope says. */
  scope?: TokenScope;
}

export type RouteHandler<P> = ((req: Request, ctx: Context<P>) => Promise<Response>) & { access: RouteAccess };

export function scopeFor(method: string, options: RouteOptions = {}): TokenScope {
  return options.scope ?? (SAFE_METHODS.has(method) ? 'read' : 'deploy');
}

interface Caller {
  user: AuthUser;
  via: 'token' | 'session';
  tokenId?: string;
  scope: TokenScope;
  recheck: () => Promise<void>;
  /** Set-Cookie to send back when the session's expiry slid forward. */
  renewCookie?: string;
}

async function identify(req: Request): Promise<Caller> {
  const token = bearer(req);
  // A bearer header decides alone: a bad token is a 401 even if a cookie rides along.
  if (token !== undefined) {
    const { user, scope, tokenId } = await authenticateToken(token);
    return { user, scope, tokenId, via: 'token', recheck: async () => void (await authenticateToken(token)) };
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie) {
    await authenticateToken(undefined); // throws the 401 with its message
    throw new ColoError('unauthorized', 'sign in');
  }
  // The cookie rides along on any request the browser makes to us, whoever's page made it;
  // only our own pages may use it to change something.
  if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) throw crossOrigin();
  const session = await resumeSession(cookie);
  return {
    user: session.user,
    via: 'session',
    scope: 'admin',
    recheck: async () => void (await authenticateSession(cookie)),
    renewCookie: session.renewed ? sessionCookie(cookie, session.expiresAt, isSecureRequest(req)) : undefined,
  };
}

/** A name or id with a NUL character cannot exist (Postgres cannot store one): not found, at once. */
function refuseUnstorableParams(params: unknown): void {
  for (const [key, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && value.includes('\u0000')) throw new ColoError('not_found', `no ${key} with a NUL character exists`);
  }
}

/**
 * Authenticates (401 otherwise), checks the token's scope against the route's (403), runs the
 * handler, and answers any error through the error table.
 */
export function route<P = Record<string, string>>(handler: (args: RouteArgs<P>) => Promise<Response>, options: RouteOptions = {}): RouteHandler<P> {
  const run = async (req: Request, ctx: Context<P>): Promise<Response> => {
    let audit: PendingAudit | undefined;
    let res: Response;
    try {
      const caller = await identify(req);
      // Only identified callers: an anonymous flood must not fill the log (sign-in failures are
      // recorded by the sign-in route, under its rate limit). Refusals below are recorded.
      if (options.audit ?? !SAFE_METHODS.has(req.method)) audit = await beginAudit(req, caller);
      requireScope(caller, scopeFor(req.method, options));
      const params = await ctx.params;
      refuseUnstorableParams(params);
      // What this request asks to do: a team's VDC is reached only when the caller's role allows it.
      const user = { ...caller.user, right: scopeFor(req.method, options) };
      if (options.teamGuard !== false) await guardTeamAccess(user, new URL(req.url).pathname, params);
      res = await handler({ req, user, via: caller.via, scope: caller.scope, recheck: caller.recheck, params });
      if (caller.renewCookie) res.headers.append('set-cookie', caller.renewCookie);
    } catch (err) {
      res = errorResponse(err);
    }
    if (audit) await finishAudit(audit, res);
    return res;
  };
  return Object.assign(run, { access: { auth: 'user', scope: options.scope } as RouteAccess });
}

/**
 * For the routes that work signed out (setup, sign-in). They set a cookie, so a browser
 * request from another site's page is refused; scripts without an Origin are let through.
 */
export function publicRoute(handler: (args: { req: Request }) => Promise<Response>): RouteHandler<Record<string, string>> {
  const run = async (req: Request): Promise<Response> => {
    try {
      if (req.headers.get('origin') !== null && !isSameOrigin(req)) throw crossOrigin();
      return await handler({ req });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(run, { access: { auth: 'public' } as RouteAccess });
}

/**
 * For a route whose one credential is a one-use secret in its own path: a node bootstrap link,
 * fetched by `curl` on a machine that joins the swarm and has no Colo account (handing it an API
 * token would give it far more than two images). A bearer token or cookie sent along is ignored:
 * the link never acts as anyone. The handler checks the secret and refuses with 404 in words.
 */
export function linkRoute<P = Record<string, string>>(handler: (args: { req: Request; params: P }) => Promise<Response>): RouteHandler<P> {
  const run = async (req: Request, ctx: Context<P>): Promise<Response> => {
    try {
      const params = await ctx.params;
      refuseUnstorableParams(params);
      return await handler({ req, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(run, { access: { auth: 'link' } as RouteAccess });
}
