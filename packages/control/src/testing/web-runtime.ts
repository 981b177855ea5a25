// The web process's view of Docker as docker-compose.yml gives it (the read-only proxy): reads
// pass, every change is refused and counted, so a test can show the web side asked for none.
import { EngineError, MUTATING_RUNTIME_METHODS, type Runtime } from '@colo/engine';

export interface ReadOnlyRuntime {
  runtime: Runtime;
  /** The mutating calls that were attempted (and refused), by method name. */
  refused: string[];
}

export function readOnlyRuntime(inner: Runtime): ReadOnlyRuntime {
  const refused: string[] = [];
  const mutating = new Set<string>(MUTATING_RUNTIME_METHODS);
  const runtime = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (mutating.has(String(prop))) {
          refused.push(String(prop));
          return Promise.reject(new EngineError('docker_error', `refused: the web process may not ${String(prop)} (Docker is read-only here)`));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { runtime, refused };
}
