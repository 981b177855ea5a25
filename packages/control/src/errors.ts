// The one error type of the domain. Callers branch on `code`; only the HTTP edge turns a code
// into a status, and only the worker turns `retryable` into a queue retry.
import type { Issue } from '@colo/manifest';
import type { z } from 'zod';

export type ColoErrorCode =
  | 'bad_request'
  | 'invalid_manifest'
  /** A request body over the size limit: refused before it is read whole. */
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'stale_revision'
  | 'name_taken'
  | 'operation_running'
  | 'not_destroyed'
  | 'already_set_up'
  | 'rate_limited'
  | 'docker_unavailable'
  | 'docker_error'
  /** The worker, which alone changes Docker, did not take or finish a call in time (worker-calls/). */
  | 'worker_unavailable'
  /** The catalog on disk (templates/) is broken: the operator must fix a file. */
  | 'catalog_invalid'
  /** A copy (snapshot, clone, restore) did not fit on the volume filesystem. */
  | 'no_space'
  | 'internal';

export interface ColoErrorDetails {
  issues?: Issue[];
  /** For `stale_revision`: the number a save must name now. */
  currentRevision?: number;
  /** For `rate_limited`: seconds until another attempt is counted. */
  retryAfter?: number;
  retryable?: boolean;
  cause?: unknown;
}

// Failures that may pass on their own (the engine restarted, a network blip): retried with backoff.
const RETRYABLE_CODES: ReadonlySet<ColoErrorCode> = new Set(['docker_unavailable', 'worker_unavailable']);

export class ColoError extends Error {
  readonly code: ColoErrorCode;
  readonly issues?: Issue[];
  readonly currentRevision?: number;
  readonly retryAfter?: number;
  readonly retryable: boolean;

  constructor(code: ColoErrorCode, message: string, details: ColoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ColoError';
    this.code = code;
    this.issues = details.issues;
    this.currentRevision = details.currentRevision;
    this.retryAfter = details.retryAfter;
    this.retryable = details.retryable ?? RETRYABLE_CODES.has(code);
  }

  /** The JSON body the API answers with; never carries a stack or a cause. */
  toJSON(): { code: ColoErrorCode; message: string; issues?: Issue[]; currentRevision?: number; retryAfter?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.currentRevision !== undefined ? { currentRevision: this.currentRevision } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

export function isColoError(error: unknown, code?: ColoErrorCode): error is ColoError {
  return error instanceof ColoError && (code === undefined || error.code === code);
}

export const notFound = (what: string): ColoError => new ColoError('not_found', `${what} not found`);

/** `input` checked by `schema`, or `bad_request` naming the first problem's field (`whole` for the input itself). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, whole = 'body'): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new ColoError('bad_request', `${first.path.join('.') || whole}: ${first.message}`);
}
