import { describe, expect, it } from 'vitest';
import { runDag } from './run-dag';

const task = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runDag', () => {
  it('runs dependencies first and independent tasks together, within the concurrency bound', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const tasks = [task('db'), task('web-1', 'db'), task('web-2', 'db'), task('web-3', 'db'), task('lb', 'web-1', 'web-2', 'web-3')];
    const outcomes = await runDag(
      tasks,
      async (t) => {
        running++;
        peak = Math.max(peak, running);
        log.push(`start ${t.id}`);
        await tick();
        running--;
        log.push(`end ${t.id}`);
        return 'ok';
      },
      { concurrency: 2 },
    );
    expect(peak).toBe(2);
    expect(log.indexOf('end db')).toBeLessThan(log.indexOf('start web-1'));
    expect(log.indexOf('start lb')).toBeGreaterThan(Math.max(log.indexOf('end web-1'), log.indexOf('end web-3')));
    expect([...outcomes.values()].every((o) => o.status === 'done')).toBe(true);
  });

  it('skips everything downstream of a failure and finishes the rest', async () => {
    const tasks = [task('a'), task('b', 'a'), task('c', 'b'), task('d')];
    const finished: string[] = [];
    const outcomes = await runDag(
      tasks,
      async (t) => {
        if (t.id === 'a') throw new Error('boom');
        return 'ok';
      },
      { concurrency: 4, onFinish: (t, o) => finished.push(`${t.id}:${o.status}`) },
    );
    expect(outcomes.get('a')).toMatchObject({ status: 'failed', message: 'boom' });
    expect(outcomes.get('b')).toMatchObject({ status: 'skipped', message: 'not run: a did not complete' });
    expect(outcomes.get('c')?.status).toBe('skipped');
    expect(outcomes.get('d')?.status).toBe('done');
    expect(finished.sort()).toEqual(['a:failed', 'b:skipped', 'c:skipped', 'd:done']);
  });

  it('starts nothing new once aborted and lets running tasks finish', async () => {
    const controller = new AbortController();
    const outcomes = await runDag(
      [task('a'), task('b', 'a')],
      async () => {
        controller.abort();
        await tick();
        return 'ok';
      },
      { concurrency: 1, signal: controller.signal },
    );
    expect(outcomes.get('a')?.status).toBe('done');
    expect(outcomes.get('b')).toMatchObject({ status: 'skipped', message: 'not run: operation aborted' });
  });

  it('resolves at once with nothing to do', async () => {
    expect((await runDag([], async () => 'x', { concurrency: 1 })).size).toBe(0);
  });
});
