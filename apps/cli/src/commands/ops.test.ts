import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const NOW = Date.parse('2026-11-27T13:00:00Z');
const failed = operation({
  id: 'op_5tt0',
  status: 'failed',
  progress: 60,
  createdAt: '2026-11-27T12:00:00.000Z',
  startedAt: '2026-11-27T12:00:01.000Z',
  finishedAt: '2026-11-27T12:00:32.000Z',
  error: 'start db-1: health check timed out',
  steps: [
    { key: 'net', title: 'create network db-in', status: 'done', error: null },
    { key: 'db-1', title: 'start db-1', status: 'failed', error: 'health check timed out' },
    { key: 'web-1', title: 'start web-1', status: 'skipped', error: null },
  ],
});
const succeeded = operation({
  id: 'op_7kq2',
  status: 'succeeded',
  progress: 100,
  createdAt: '2026-11-27T12:55:00.000Z',
  startedAt: '2026-11-27T12:55:00.000Z',
  finishedAt: '2026-11-27T12:55:14.200Z',
});

describe('colo ops', () => {
  it('shows a failure the server explained in its plain words, not Docker\'s', async () => {
    const explained = { ...failed, failure: { class: 'health_timeout', message: 'db started but did not become healthy within 60 s.', fix: 'Read its logs.', appliance: 'db', details: 'raw' } };
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [explained] } } });
    const res = await runCli(['ops', 'shop'], { server, now: NOW });
    expect(res.stdout).toContain('db started but did not become healthy within 60 s.');
    expect(res.stdout).not.toContain('health check timed out');
  });

  it('lists a VDC\'s operations, newest first as the server sends them', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [succeeded, failed] } } });
    const res = await runCli(['ops', 'shop'], { server, now: NOW });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'ID       KIND    STATUS     PROGRESS  CREATED  TOOK   ERROR',
        'op_7kq2  deploy  succeeded  100%      5m ago   14.2s  -',
        'op_5tt0  deploy  failed     60%       1h ago   31.0s  start db-1: health check timed out',
        '',
      ].join('\n'),
    );
    expect(server.calls()).toEqual(['GET /vdcs/shop/operations']);
  });

  it('says when there are none', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [] } } });
    expect((await runCli(['ops', 'shop'], { server })).stdout).toBe('no operations on shop yet\n');
  });
});

describe('colo op', () => {
  it('shows one operation with its steps, and logs with --logs', async () => {
    const logs = [{ seq: 1, at: '2026-11-27T12:00:02.000Z', message: 'waiting for db-1' }];
    server = await startFakeColo({ 'GET /operations/:id': { body: { operation: failed, logs } } });
    const res = await runCli(['op', 'op_5tt0', '--logs'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'op_5tt0  deploy  failed  60%',
        'created 2026-11-27T12:00:00.000Z, took 31.0s',
        'STEP                  STATUS   ERROR',
        'create network db-in  done     -',
        'start db-1            failed   health check timed out',
        'start web-1           skipped  -',
        'logs:',
        '  2026-11-27T12:00:02.000Z waiting for db-1',
        'error: start db-1: health check timed out',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/operations/op_5tt0', query: {} });
  });

  it('follows a running operation with --wait', async () => {
    let polls = 0;
    server = await startFakeColo({
      'GET /operations/:id': () => ({ body: { operation: ++polls < 3 ? operation({ status: 'running', progress: 50 }) : succeeded, logs: [] } }),
    });
    const res = await runCli(['op', 'op_1', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('[ 50%] deploy op_1: running\n[100%] deploy succeeded in 14.2s\n');
  });

  it('reports an unknown operation', async () => {
    server = await startFakeColo({ 'GET /operations/:id': apiError(404, 'not_found', 'operation "op_x" not found') });
    expect(await runCli(['op', 'op_x'], { server })).toEqual({ code: 1, stdout: '', stderr: 'error: operation "op_x" not found\n' });
  });
});

describe('colo op --wait on a finished operation', () => {
  it('fetches every page of log lines before printing the outcome', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ seq: i + 1, at: null, message: `line ${i + 1}` }));
    server = await startFakeColo({
      // A page size of two, to make the paging visible.
      'GET /operations/:id': (req) => {
        const after = Number(req.query.logsAfter ?? 0);
        return { body: { operation: succeeded, logs: all.filter((l) => l.seq > after).slice(0, 2) } };
      },
    });
    const res = await runCli(['op', 'op_7kq2', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${all.map((l) => `       ${l.message}`).join('\n')}\n[100%] deploy succeeded in 14.2s\n`);
    expect(server.requests.map((r) => r.query.logsAfter)).toEqual(['0', '2', '4', '5']);
  });
});
