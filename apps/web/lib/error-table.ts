// The one place a domain error becomes an HTTP answer. Control's ColoError codes map to statuses
// below; the other packages' errors (catalog, engine, zod) are first turned into a ColoError with
// a message a user or operator can act on. Anything else is a bug: logged, answered without internals.
import { ERROR_STATUS } from '@colo/api';
import { isCatalogError } from '@colo/catalog';
import { ColoError, type ColoErrorCode, isColoError, toColoError } from '@colo/control';
import type { Issue } from '@colo/manifest';

/** The contract's table (@colo/api): every code control can raise has its status there. */
export const STATUS: Record<ColoErrorCode, number> = ERROR_STATUS satisfies Record<ColoErrorCode, number>;

interface ZodLikeError {
  name: 'ZodError';
  issues: { path: PropertyKey[]; message: string }[];
}

function isZodError(err: unknown): err is ZodLikeError {
  return (err as { name?: unknown })?.name === 'ZodError' && Array.isArray((err as { issues?: unknown }).issues);
}

/** Every known failure as a ColoError; undefined for an unknown one (a bug). */
export function domainError(err: unknown): ColoError | undefined {
  if (isColoError(err)) return err;
  if (isCatalogError(err)) {
    if (err.code === 'invalid_catalog') {
      const issues: Issue[] = err.problems.map((p) => ({ path: p.path ? `${p.file}: ${p.path}` : p.file, message: p.message, severity: 'error' }));
      return new ColoError('catalog_invalid', `the server's catalog is broken, an operator must fix it: ${err.message}`, { issues });
    }
    // Image builds and lookups talk to Docker.
    return new ColoError(err.code === 'image_missing' ? 'docker_unavailable' : 'docker_error', err.message);
  }
  if ((err as { name?: unknown })?.name === 'EngineError') return toColoError(err);
  if (isZodError(err)) {
    const first = err.issues[0];
    return new ColoError('bad_request', `${first?.path.map(String).join('.') || 'input'}: ${first?.message ?? 'invalid'}`);
  }
  return undefined;
}

export interface HttpError {
  status: number;
  body: { error: ReturnType<ColoError['toJSON']> };
  headers: Record<string, string>;
}

export function httpError(err: unknown): HttpError {
  const known = domainError(err);
  if (!known || known.code === 'internal') {
    // Unknown failures: log the message for the operator, answer without internals.
    console.error(`colo web: ${(err as Error)?.stack ?? String(err)}`);
    return { status: 500, body: { error: { code: 'internal', message: 'internal error' } }, headers: {} };
  }
  const headers: Record<string, string> = known.retryAfter !== undefined ? { 'retry-after': String(known.retryAfter) } : {};
  return { status: STATUS[known.code] ?? 500, body: { error: known.toJSON() }, headers };
}
