// Turns dockerode's errors into EngineErrors with a code the engine can act on.
import { EngineError, type EngineErrorCode } from '../engine-error';

interface DockerodeError {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

export function dockerStatus(error: unknown): number | undefined {
  return (error as DockerodeError | undefined)?.statusCode;
}

export function dockerMessage(error: unknown): string {
  const e = error as DockerodeError | undefined;
  return e?.json?.message ?? e?.reason ?? e?.message ?? String(error);
}

/** Wraps an error from a Docker call made to do `what` (e.g. `create container colo-x-web-1`). */
export function toEngineError(error: unknown, what: string): EngineError {
  if (error instanceof EngineError) return error;
  const status = dockerStatus(error);
  const code = (error as DockerodeError | undefined)?.code;
  let engineCode: EngineErrorCode = 'docker_error';
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ECONNRESET' || code === 'EPIPE') {
    engineCode = 'docker_unavailable';
  } else if (status === 404) {
    engineCode = /no such image/i.test(dockerMessage(error)) ? 'image_missing' : 'not_found';
  } else if (status === 409) {
    engineCode = 'conflict';
  }
  const retryable = engineCode === 'docker_unavailable' || (status !== undefined && status >= 500 && engineCode === 'docker_error');
  return new EngineError(engineCode, `${what}: ${dockerMessage(error)}`, { cause: error, retryable });
}
