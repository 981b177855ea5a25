// The one error type the engine throws: a stable `code` for callers (the control layer maps it
// to an operation failure or an HTTP status) and whether trying again may help.

export type EngineErrorCode =
  | 'not_found'
  | 'conflict'
  | 'name_taken'
  | 'image_missing'
  | 'docker_unavailable'
  | 'docker_error'
  | 'invalid_manifest'
  | 'unhealthy'
  | 'timeout'
  | 'aborted'
  | 'step_failed'
  /** A filesystem filled up while copying (snapshots, clones, restores). */
  | 'no_space';

const RETRYABLE: ReadonlySet<EngineErrorCode> = new Set(['docker_unavailable', 'timeout', 'conflict']);

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly retryable: boolean;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.retryable = options?.retryable ?? RETRYABLE.has(code);
  }
}

export function isEngineError(error: unknown, code?: EngineErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}
