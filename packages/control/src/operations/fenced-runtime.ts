// The Docker runtime as one run sees it: every call that changes something first checks that the
// run still holds its operation (RunLease.assertHeld), so a run that was overtaken, or paused past
// its lease, stops before its next change instead of racing the run that took over.
import { MUTATING_RUNTIME_METHODS, type Runtime } from '@colo/engine';

const MUTATING: ReadonlySet<PropertyKey> = new Set(MUTATING_RUNTIME_METHODS);

export function fencedRuntime(runtime: Runtime, lease: { assertHeld(): Promise<void> }): Runtime {
  return new Proxy(runtime, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!MUTATING.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        await lease.assertHeld();
        return value.apply(target, args);
      };
    },
  });
}
