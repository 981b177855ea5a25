import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';
import { parsePorts } from './clone';

let server: FakeColo;
afterEach(() => server?.close());

const started = (kind: string, id = `op_${kind}`) => ({ status: 202, body: { operation: operation({ id, kind }) } });
const finished = (kind: string, result: Record<string, unknown> = {}, id = `op_${kind}`) => ({
  body: { operation: operation({ id, kind, status: 'succeeded', progress: 100, result }), logs: [] },
});
const snap = {
  number: 3,
  vdc: 'shop',
  note: 'before 2.0',
  status: 'ready',
  revision: 7,
  method: 'copy',
  sizeBytes: 1073741824,
  pauseMs: 180,
  durationMs: 4100,
  volumes: [
    { appliance: 'db', volume: 'data', bytes: 1073741800 },
    { appliance: 'content', volume: 'share', bytes: 24 },
  ],
  createdAt: '2026-11-27T11:55:00.000Z',
  finishedAt: '2026-11-27T11:55:04.000Z',
};

describe('colo snapshot / snapshots', () => {
  it('takes a snapshot with its note, waits, and says what it holds', async () => {
    server = await startFakeColo({
      'POST /vdcs/:name/snapshots': started('snapshot'),
      'GET /operations/:id': finished('snapshot', { snapshot: 3 }),
      'GET /vdcs/:name/snapshots': { body: { snapshots: [snap] } },
    });
    const res = await runCli(['snapshot', 'shop', '-m', 'before 2.0', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('[100%] snapshot succeeded\nsnapshot 3 of shop: 2 volumes, 1.0 GiB by copy; writers paused 180 ms\n');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/snapshots', body: { note: 'before 2.0' } });
  });

  it('lists snapshots as a table, and says how to take one when there are none', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/snapshots': { body: { snapshots: [snap] } } });
    const res = await runCli(['snapshots', 'shop'], { server, now: Date.parse('2026-11-27T12:00:00.000Z') });
    expect(res.stdout.split('\n')[0]).toMatch(/^NUMBER\s+TAKEN\s+REVISION\s+SIZE\s+VOLUMES\s+METHOD\s+PAUSED\s+NOTE$/);
    expect(res.stdout.split('\n')[1]).toMatch(/^3\s+5m ago\s+7\s+1\.0 GiB\s+2\s+copy\s+180 ms\s+before 2\.0$/);
    server.close();
    server = await startFakeColo({ 'GET /vdcs/:name/snapshots': { body: { snapshots: [] } } });
    expect((await runCli(['snapshots', 'shop'], { server })).stdout).toBe('no snapshots of shop yet (take one: colo snapshot shop)\n');
  });

  it('deletes only with --yes (or a confirmation), and refuses a number that is not one', async () => {
    server = await startFakeColo({ 'DELETE /vdcs/:name/snapshots/:number': started('snapshot_delete') });
    const refused = await runCli(['snapshots', 'shop', '--delete', '3'], { server });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to delete snapshot 3 without --yes/);
    const bad = await runCli(['snapshots', 'shop', '--delete', 'three', '--yes'], { server });
    expect(bad.stderr).toMatch(/snapshot number "three" must be a positive whole number/);
    expect(server.requests).toEqual([]);
    const ok = await runCli(['snapshots', 'shop', '--delete', '3', '--yes'], { server });
    expect(ok.code).toBe(0);
    expect(server.requests).toMatchObject([{ method: 'DELETE', path: '/vdcs/shop/snapshots/3' }]);
  });
});

describe('colo restore', () => {
  it('asks first, then posts and follows the restore', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/snapshots/:number/restore': started('restore'), 'GET /operations/:id': finished('restore') });
    const declined = await runCli(['restore', 'shop', '3'], { server, confirm: async () => false });
    expect(declined.stderr).toBe('error: restore cancelled: nothing was changed\n');
    expect(server.requests).toEqual([]);
    const res = await runCli(['restore', 'shop', '3', '--yes', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^restoring shop to snapshot 3: a safety snapshot/);
    expect(server.calls()).toEqual(['POST /vdcs/shop/snapshots/3/restore', 'GET /operations/op_restore']);
  });
});

describe('colo clone', () => {
  it('posts the new name, snapshot and ports; --wait follows the copy, then the clone\'s first deploy', async () => {
    server = await startFakeColo({
      'POST /vdcs/:name/clone': started('clone'),
      'GET /operations/:id': (req) =>
        req.path.endsWith('op_clone')
          ? finished('clone', { vdc: 'shop-next', deployOperation: 'op_dep', ports: { 8080: 9080 } })
          : finished('deploy', {}, 'op_dep'),
    });
    const res = await runCli(['clone', 'shop', 'shop-next', '--from', '3', '--ports', '8080=9080', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'cloning shop into shop-next: its data is copied from snapshot 3, then shop-next is deployed',
        '[100%] clone succeeded',
        'shop-next publishes 8080 → 9080',
        '[100%] deploy succeeded',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ path: '/vdcs/shop/clone', body: { name: 'shop-next', snapshot: 3, ports: { 8080: 9080 } } });
    expect(server.calls()).toContain('GET /operations/op_dep');
  });

  it('says what is wrong with --ports, and passes the server\'s refusal on', async () => {
    expect(() => parsePorts('8080:9080')).toThrow(/"8080:9080" must be SOURCE_PORT=CLONE_PORT/);
    expect(parsePorts('80=8081, 443=8443')).toEqual({ 80: 8081, 443: 8443 });
    server = await startFakeColo({ 'POST /vdcs/:name/clone': apiError(409, 'name_taken', 'a VDC named "shop-next" exists: choose another name for the clone') });
    const res = await runCli(['clone', 'shop', 'shop-next'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('error: a VDC named "shop-next" exists: choose another name for the clone\n');
  });
});
