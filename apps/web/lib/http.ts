// The HTTP edge of control: bearer-token auth, JSON bodies checked with zod, and the one place a
// ColoError code becomes a status. Each route is a few lines on top of `route()`.
import { type AuthUser, authenticate, ColoError, type ColoErrorCode, isColoError } from '@colo/control';
import type { z } from 'zod';

const STATUS: Record<ColoErrorCode, number> = {
  bad_request: 400,
  invalid_manifest: 400,
  unauthorized: 401,
  not_found: 404,
  stale_revision: 409,
  name_taken: 409,
  operation_running: 409,
  not_destroyed: 409,
  docker_unavailable: 503,
  docker_error: 502,
  internal: 500,
};

/** Large enough for a big manifest as text, small enough to refuse abuse early. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export function errorResponse(err: unknown): Response {
  if (isColoError(err)) return json({ error: err.toJSON() }, STATUS[err.code] ?? 500);
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

export interface RouteArgs<P> {
  req: Request;
  user: AuthUser;
  params: P;
}

type Context<P> = { params: Promise<P> };

/** Authenticates (401 otherwise), runs the handler, maps any ColoError to its status. */
export function route<P = Record<string, string>>(handler: (args: RouteArgs<P>) => Promise<Response>) {
  return async (req: Request, ctx: Context<P>): Promise<Response> => {
    try {
      const user = await authenticate(bearer(req));
      return await handler({ req, user, params: await ctx.params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
