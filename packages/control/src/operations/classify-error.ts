// Tells a failure worth retrying (Docker restarting, a dropped connection) from one that will
// fail the same way again (a bad manifest, a bug), and gives every failure a ColoError shape.
import { ColoError, type ColoErrorCode } from '../errors';

const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENOENT']);

interface CodedError {
  name?: string;
  code?: unknown;
  message?: string;
  retryable?: unknown;
}

export function toColoError(error: unknown): ColoError {
  if (error instanceof ColoError) return error;
  const e = (error ?? {}) as CodedError;
  const message = e.message ?? String(error);
  // EngineError (duck-typed: control must not depend on the engine's class identity).
  if (e.name === 'EngineError' && typeof e.code === 'string') {
    const code: ColoErrorCode =
      e.code === 'invalid_manifest' ? 'invalid_manifest' : e.code === 'docker_unavailable' ? 'docker_unavailable' : 'docker_error';
    return new ColoError(code, message, { retryable: e.retryable === true, cause: error });
  }
  // Prisma's "cannot reach the database" family, and raw socket errors from pg or Redis.
  if (typeof e.code === 'string' && (TRANSIENT_SOCKET_CODES.has(e.code) || /^P10(01|02|08|17)$/.test(e.code))) {
    return new ColoError('internal', message, { retryable: true, cause: error });
  }
  if (e.name === 'PrismaClientInitializationError') return new ColoError('internal', message, { retryable: true, cause: error });
  return new ColoError('internal', message, { retryable: false, cause: error });
}
