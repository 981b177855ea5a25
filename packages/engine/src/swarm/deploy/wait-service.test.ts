import { describe, expect, it } from 'vitest';
import { EngineError, isEngineError } from '../../engine-error';
import type { SwarmApi, SwarmTaskInfo } from './swarm-api';
import { waitServiceConverged } from './wait-service';

const now = () => new Date().toISOString();
const task = (spec: string, state: string, desired = 'running', err?: string): SwarmTaskInfo => ({
  ID: Math.random().toString(36),
  ServiceID: 's',
  NodeID: 'n1',
  DesiredState: desired,
  Status: { State: state, Err: err, Timestamp: now() },
  Spec: { ContainerSpec: { Labels: { 'colo.spec': spec } } },
});

/** A manager whose task list moves on by one answer per poll. */
function fakeApi(answers: SwarmTaskInfo[][]): SwarmApi {
  let i = 0;
  return {
    listTasks: async () => answers[Math.min(i++, answers.length - 1)]!,
  } as unknown as SwarmApi;
}
const opts = { timeoutMs: 5000, pollMs: 1 };

describe('waitServiceConverged', () => {
  it('waits until exactly its replicas of the new spec run, old ones gone', async () => {
    const progress: string[] = [];
    const api = fakeApi([
      [task('old', 'running'), task('old', 'running'), task('new', 'starting')],
      [task('old', 'running'), task('new', 'running'), task('new', 'running')],
      [task('old', 'running', 'shutdown'), task('new', 'running'), task('new', 'running')],
    ]);
    const done = await waitServiceConverged(api, { name: 'web', specHash: 'new', replicas: 2 }, { ...opts, onProgress: (m) => progress.push(m) });
    expect(done).toBe('web: 2/2 running');
    expect(progress).toEqual(['web: 0/2 running', 'web: 2/2 running']);
  });

  it('a task still starting (its health check not passed yet) is not running', async () => {
    const api = fakeApi([[task('new', 'starting')]]);
    await expect(waitServiceConverged(api, { name: 'db', specHash: 'new', replicas: 1 }, { ...opts, timeoutMs: 50 })).rejects.toThrow(/db: 0\/1 running after 0 s/);
  });

  it('gives up after repeated failures of the new spec, with the last error', async () => {
    const api = fakeApi([[task('new', 'failed', 'shutdown', 'task: non-zero exit (1)'), task('new', 'failed', 'shutdown', 'task: non-zero exit (1)'), task('new', 'failed', 'shutdown', 'unhealthy container'), task('new', 'starting')]]);
    const error = await waitServiceConverged(api, { name: 'web', specHash: 'new', replicas: 1 }, opts).catch((e: unknown) => e);
    expect(isEngineError(error, 'unhealthy')).toBe(true);
  });

  it('counts a stopped service done when no task is left active, and a removed one at once', async () => {
    const api = fakeApi([[task('x', 'running', 'shutdown')], [task('x', 'shutdown', 'shutdown')]]);
    expect(await waitServiceConverged(api, { name: 'web', replicas: 0 }, opts)).toBe('web stopped');
    const gone = { listTasks: async () => Promise.reject(new EngineError('not_found', 'no such service')) } as unknown as SwarmApi;
    expect(await waitServiceConverged(gone, { name: 'web', replicas: 0 }, opts)).toBe('web stopped');
  });
});
