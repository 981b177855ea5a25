import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const container = (name: string, replica: number, health: string | null, ports: unknown[] = []) => ({
  id: `c_${name}`,
  name: `colo-shop-abc123-${name}`,
  replica,
  state: 'running',
  health,
  ports,
});

const answer = {
  vdc: { id: 'vdc_abc123', name: 'shop', state: 'running' },
  appliances: [
    { name: 'lb', class: 'halb', replicas: { desired: 1, running: 1 }, state: 'running', containers: [container('lb-1', 1, 'healthy', [{ terminal: 'in', host: '127.0.0.1', port: 8080 }])] },
    {
      name: 'web',
      class: 'web-php',
      replicas: { desired: 3, running: 2 },
      state: 'degraded',
      containers: [container('web-1', 1, 'healthy'), container('web-2', 2, 'healthy'), container('web-3', 3, 'starting')],
    },
    { name: 'cache', class: 'redis', replicas: { desired: 1, running: 0 }, state: 'stopped', containers: [] },
  ],
  edge: [
    {
      host: '127.0.0.1',
      port: 8080,
      target: 'lb.in',
      listener: { name: 'colo-edge-default-8080', state: 'running', health: 'healthy' },
      backends: { up: 1, total: 1 },
    },
  ],
};

describe('colo status', () => {
  it('shows replicas running/desired, state, health and published ports', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/status': { body: answer } });
    const res = await runCli(['status', 'shop'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'shop: running',
        'APPLIANCE  CLASS    REPLICAS  STATE     HEALTH                 PORTS',
        'lb         halb     1/1       running   healthy                127.0.0.1:8080 → lb.in',
        'web        web-php  2/3       degraded  2 healthy, 1 starting  -',
        'cache      redis    0/1       stopped   -                      -',
        '',
        'PUBLISHED       TARGET  LISTENER         BACKENDS UP',
        '127.0.0.1:8080  lb.in   running healthy  1/1',
        '',
      ].join('\n'),
    );
    expect(server.calls()).toEqual(['GET /vdcs/shop/status']);
  });

  it('says why a failed VDC failed and the next commands, as the failure view does', async () => {
    const failure = { class: 'port_taken', message: 'Port 8080 is in use by another program on this machine, so lb could not be published on it.', fix: 'Stop it, then Retry.', appliance: 'lb', details: 'bind: address already in use', retryRevision: 2, rollbackRevision: 1 };
    const failedOp = { id: 'op_bad', vdc: 'shop', kind: 'deploy', status: 'failed', progress: 60, error: 'bind: address already in use', failure, steps: [], createdAt: '2026-11-27T12:00:00.000Z', startedAt: null, finishedAt: null };
    server = await startFakeColo({
      'GET /vdcs/:name/status': { body: { ...answer, vdc: { ...answer.vdc, state: 'failed' }, edge: [] } },
      'GET /vdcs/:name/operations': { body: { operations: [failedOp] } },
    });
    const res = await runCli(['status', 'shop'], { server });
    expect(res.stdout.split('\n').slice(0, 6)).toEqual([
      'shop: failed',
      `error: deploy op_bad failed: ${failure.message}`,
      'fix: Stop it, then Retry.',
      'next: colo deploy shop --retry  (deploys revision 2 again, once the cause is fixed)',
      '      colo rollback shop        (deploys revision 1, the last that deployed)',
      'details: colo op op_bad',
    ]);
  });

  it('names the node holding a pinned appliance\'s data when it is lost, and how to restore it elsewhere', async () => {
    const lost = {
      ...answer,
      appliances: [
        { name: 'db', class: 'postgres', replicas: { desired: 1, running: 0 }, state: 'degraded', problem: 'its data is on node n2, which is down', containers: [], data: { nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' } },
        { name: 'cache', class: 'redis', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], data: { nodeId: 'id1', hostname: 'n1', lost: false } },
        { name: 'files', class: 'nas', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], data: { nodeId: 'id3', hostname: 'n3', lost: true, reason: 'drained' } },
      ],
      edge: [],
    };
    server = await startFakeColo({ 'GET /vdcs/:name/status': { body: lost } });
    const res = await runCli(['status', 'shop'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter((l) => l.includes('data is on node n2'))).toEqual([
      expect.stringMatching(/^db +postgres +0\/1 +degraded: its data is on node n2, which is down/),
      "db's data is on node n2, which is down: restore it onto another node with colo move shop db",
    ]);
    expect(res.stdout).toContain("files's data is on node n3, which is drained: move it to another node with colo move shop files\n");
  });

  it('says a running listener\'s backends are unknown when it could not be asked', async () => {
    const unasked = { ...answer, edge: [{ ...answer.edge[0], backends: null }] };
    server = await startFakeColo({ 'GET /vdcs/:name/status': { body: unasked } });
    const res = await runCli(['status', 'shop'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('127.0.0.1:8080  lb.in   running healthy  unknown');
  });

  it('says why an appliance is not right: the flap guard\'s reason, an OOM kill', async () => {
    const flagged = {
      ...answer,
      appliances: [
        { ...answer.appliances[2], problem: 'failed 3 times in 24h (last: out of memory)' },
        { name: 'db', class: 'postgres', replicas: { desired: 1, running: 0 }, state: 'degraded', problem: 'out of memory', containers: [] },
      ],
    };
    server = await startFakeColo({ 'GET /vdcs/:name/status': { body: flagged } });
    const res = await runCli(['status', 'shop'], { server });
    expect(res.stdout).toContain('cache      redis     0/1       stopped: failed 3 times in 24h (last: out of memory)');
    expect(res.stdout).toContain('db         postgres  0/1       degraded: out of memory');
  });

  it('passes the answer through with --json', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/status': { body: answer } });
    const res = await runCli(['status', 'shop', '--json'], { server });
    expect(JSON.parse(res.stdout)).toEqual(answer);
  });

  it('reports an unknown VDC with the server message', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/status': apiError(404, 'not_found', 'VDC "nope" not found') });
    const res = await runCli(['status', 'nope'], { server });
    expect(res).toEqual({ code: 1, stdout: '', stderr: 'error: VDC "nope" not found\n' });
    const missing = await runCli(['status'], { server });
    expect(missing.code).toBe(2);
  });
});
