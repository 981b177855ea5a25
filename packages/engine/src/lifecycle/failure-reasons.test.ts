import { describe, expect, it } from 'vitest';
import type { ContainerEvent } from '../runtime/watch-events';
import { containerProblem, describeFailure, FailureDetector } from './failure-reasons';

const S = 1_000_000_000n;
const labels = { 'colo.vdc': 'vdc_a', 'colo.appliance': 'web', name: 'colo-shop-web-1' };
const ev = (action: string, seconds: number, extra: Record<string, string> = {}): ContainerEvent => ({
  id: 'c1',
  action,
  attributes: { ...labels, ...extra },
  timeNano: String(1_800_000_000n * S + BigInt(seconds) * S),
});

describe('FailureDetector', () => {
  it('takes a die nobody asked for as a failure, with its exit code', () => {
    const failure = new FailureDetector().feed(ev('die', 0, { exitCode: '3' }));
    expect(failure).toMatchObject({ vdcId: 'vdc_a', appliance: 'web', container: 'colo-shop-web-1', kind: 'exited', exitCode: 3 });
    expect(failure?.key).toBe(`c1:${ev('die', 0).timeNano}:exited`);
  });

  it('ignores a die that follows a kill (a stop, a destroy, the daemon shutting down)', () => {
    const d = new FailureDetector();
    expect(d.feed(ev('kill', 0, { signal: '15' }))).toBeUndefined();
    expect(d.feed(ev('die', 10, { exitCode: '137' }))).toBeUndefined();
    // Started again (a deploy, a start): its next crash counts, however soon.
    expect(d.feed(ev('start', 12))).toBeUndefined();
    expect(d.feed(ev('die', 15, { exitCode: '1' }))).toMatchObject({ kind: 'exited' });
  });

  it('names an out-of-memory kill from the oom event just before the die', () => {
    const d = new FailureDetector();
    d.feed(ev('oom', 0));
    expect(d.feed(ev('die', 1, { exitCode: '137' }))).toMatchObject({ kind: 'oom', exitCode: 137 });
  });

  it('counts a health check turning unhealthy, not one turning healthy', () => {
    const d = new FailureDetector();
    expect(d.feed(ev('health_status: healthy', 0))).toBeUndefined();
    expect(d.feed(ev('health_status: unhealthy', 5))).toMatchObject({ kind: 'unhealthy' });
  });

  it('ignores containers that are not an appliance of a VDC', () => {
    expect(new FailureDetector().feed({ ...ev('die', 0), attributes: { exitCode: '1' } })).toBeUndefined();
  });
});

describe('container problems in words', () => {
  const base = { state: 'running' as const, health: 'none' as const, exitCode: 0, oomKilled: false };
  it('says out of memory, a failing health check with its output, or a restart after an exit', () => {
    expect(containerProblem({ ...base, state: 'restarting', exitCode: 137, oomKilled: true })).toBe('out of memory');
    expect(containerProblem({ ...base, health: 'unhealthy', lastHealthOutput: 'curl: (7) refused\n' })).toBe('health check failing: curl: (7) refused');
    expect(containerProblem({ ...base, state: 'restarting', exitCode: 3 })).toBe('restarting after: exited with code 3');
    expect(containerProblem(base)).toBeUndefined();
    // Docker keeps the OOM mark after a restart: a running container is judged by its health.
    expect(containerProblem({ ...base, oomKilled: true })).toBeUndefined();
    expect(containerProblem({ ...base, oomKilled: true, health: 'unhealthy' })).toBe('health check failing');
    expect(describeFailure('exited', null)).toBe('exited');
  });
});
