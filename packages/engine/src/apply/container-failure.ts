// A container that failed to become healthy is reported with the last lines of its log: the
// reason a person needs is usually there, not in Docker's state.
import { EngineError, isEngineError } from '../engine-error';
import type { Runtime } from '../runtime/runtime';

export async function failureWithLogs(runtime: Runtime, name: string, error: unknown, lines = 20): Promise<EngineError> {
  if (isEngineError(error, 'aborted')) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const logs = await runtime.logs(name, lines).catch(() => '');
  const tail = logs.trim()
    ? `\nlast log lines of ${name}:\n${logs
        .trimEnd()
        .split('\n')
        .map((line) => `  | ${line}`)
        .join('\n')}`
    : '';
  const code = isEngineError(error) ? error.code : 'unhealthy';
  return new EngineError(code, `${reason}${tail}`, { cause: error });
}
