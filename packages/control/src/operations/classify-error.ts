// Tells a failure worth retrying (Docker restarting, a dropped connection) from one that will
// fail the same way again (a bad manifest, a bug), and gives every failure a ColoError shape.
import { ColoError, type ColoErrorCode } from '../errors';

const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENOENT']);

/**
 * Postgres going away under a run (a restart, a failover): SQLSTATE class 08 (connection
 * exception) and 57P01-57P03 (shutting down, starting up), and node-postgres's own words for a
 * pooled connection that died. Measured with tests/faults/postgres-restart.test.ts: without this
 * a database restart failed the operation for good with pg's bare "Client has encountered a
 * connection error and is not queryable".
 */
const DB_GONE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
const DB_GONE_MESSAGE =
  /Client has encountered a connection error|Connection terminated|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery)|Can't reach database server|Server has closed the connection/i;

function databaseGone(e: CodedError, message: string): boolean {
  const cause = (e as { cause?: CodedError }).cause;
  return (
    (typeof e.code === 'string' && DB_GONE_SQLSTATE.test(e.code)) ||
    (typeof cause?.code === 'string' && DB_GONE_SQLSTATE.test(cause.code)) ||
    DB_GONE_MESSAGE.test(message)
  );
}

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
      e.code === 'invalid_manifest' || e.code === 'docker_unavailable' || e.code === 'no_space' ? e.code : 'docker_error';
    return new ColoError(code, message, { retryable: e.retryable === true, cause: error });
  }
  // Prisma's "cannot reach the database" family, and raw socket errors from pg or Redis.
  if (typeof e.code === 'string' && (TRANSIENT_SOCKET_CODES.has(e.code) || /^P10(01|02|08|17)$/.test(e.code))) {
    return new ColoError('internal', message, { retryable: true, cause: error });
  }
  if (e.name === 'PrismaClientInitializationError') return new ColoError('internal', message, { retryable: true, cause: error });
  if (databaseGone(e, message)) {
    return new ColoError('internal', `the database connection was lost (${message}); the operation is retried`, { retryable: true, cause: error });
  }
  return new ColoError('internal', message, { retryable: false, cause: error });
}
