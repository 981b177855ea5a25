// The HTTP edge of control: who is calling (bearer token or session cookie), JSON bodies checked
// with zod, and the one place a ColoError code becomes a status. Each route is a few lines on
// top of `route()` (signed in) or `publicRoute()` (setup and sign-in only).
import { type AuthUser, authenticate, ColoError, type ColoErrorCode, isColoError, resumeSession } from '@colo/control';
import type { z } from 'zod';
import { isSameOrigin, isSecureRequest, readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie';

const STATUS: Record<ColoErrorCode, number> = {
  bad_request: 400,
  invalid_manifest: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  stale_revision: 409,
  name_taken: 409,
  operation_running: 409,
  not_destroyed: 409,
  already_set_up: 409,
  rate_limited: 429,
  docker_unavailable: 503,
  docker_error: 502,
  internal: 500,
};

/** Large enough for a big manifest as text, small enough to refuse abuse early. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

export function errorResponse(err: unknown): Response {
  if (isColoError(err)) {
    const headers: Record<string, string> = err.retryAfter !== undefined ? { 'retry-after': String(err.retryAfter) } : {};
    return json({ error: err.toJSON() }, STATUS[err.code] ?? 500, headers);
  }
  // Unknown failures: log the message for the operator, answer without internals.
  console.error(`colo web: ${(err as Error)?.stack ?? String(err)}`);
  return json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

function bearer(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ColoError('bad_request', `request body over ${MAX_BODY_BYTES} bytes`);
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ColoError('bad_request', `request body over ${MAX_BODY_BYTES} bytes`);
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ColoError('bad_request', 'the request body is not JSON');
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ColoError('bad_request', `${first.path.join('.') || 'body'}: ${first.message}`);
  }
  return parsed.data;
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
