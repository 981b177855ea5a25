import { describe, expect, it } from 'vitest';
import { wakeSignal } from './wake-signal';

describe('wakeSignal', () => {
  it('ends a wait at the first of: a wake, the deadline, an abort', async () => {
    const w = wakeSignal();
    const never = new AbortController().signal;
    let t = Date.now();
    const woken = w.wait(t + 5000, never);
    setTimeout(() => w.wake(), 20);
    await woken;
    expect(Date.now() - t).toBeLessThan(1000);

    t = Date.now();
    await w.wait(t + 50, never);
    expect(Date.now() - t).toBeGreaterThanOrEqual(45);

    const abort = new AbortController();
    t = Date.now();
    const aborted = w.wait(t + 5000, abort.signal);
    abort.abort();
    await aborted;
    expect(Date.now() - t).toBeLessThan(1000);
    // A wake with nobody waiting changes nothing.
    w.wake();
  });
});
