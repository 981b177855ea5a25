// How a log follower sleeps between lines: until a reader pushes a line (`wake()`), the next
// rescan is due, or the stream is aborted, with one timer and one abort listener per wait, both
// gone when it ends.
export interface WakeSignal {
  /** Ends the current wait at once (a line arrived); nothing when none is waiting. */
  wake(): void;
  /** Resolves at `deadline` (epoch ms), at the next `wake()`, or when `signal` aborts. */
  wait(deadline: number, signal: AbortSignal): Promise<void>;
}

export function wakeSignal(): WakeSignal {
  let current: (() => void) | undefined;
  return {
    wake: () => current?.(),
    wait: (deadline, signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          current = undefined;
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        signal.addEventListener('abort', done, { once: true });
        current = done;
      }),
  };
}
