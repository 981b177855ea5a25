import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const manifest = (replicas: number) => ({ apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'web', class: 'web-php', replicas }] });

describe('colo history', () => {
  it('merges revisions, snapshots and operations into one timeline, newest first', async () => {
    server = await startFakeColo({
      'GET /vdcs/:name/revisions': { body: { revisions: [{ number: 2, createdAt: '2026-11-27T11:50:00.000Z' }, { number: 1, createdAt: '2026-11-27T10:00:00.000Z' }] } },
      'GET /vdcs/:name/snapshots': {
        body: { snapshots: [{ number: 1, status: 'ready', revision: 1, sizeBytes: 2048, note: 'before 2.0', volumes: [], createdAt: '2026-11-27T11:00:00.000Z' }] },
      },
      'GET /vdcs/:name/operations': {
        body: {
          operations: [
            operation({ id: 'op_2', kind: 'snapshot_delete', status: 'failed', error: { code: 'x', message: 'no such snapshot' }, createdAt: '2026-11-27T11:58:00.000Z' }),
            operation({ id: 'op_1', kind: 'deploy', status: 'succeeded', createdAt: '2026-11-27T10:01:00.000Z', startedAt: '2026-11-27T10:01:00.000Z', finishedAt: '2026-11-27T10:01:12.000Z' }),
          ],
        },
      },
    });
    const res = await runCli(['history', 'shop'], { server, now: Date.parse('2026-11-27T12:00:00.000Z') });
    expect(res.code, res.stderr).toBe(0);
    const rows = res.stdout.trim().split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      'WHEN WHAT DETAIL',
      '2m ago snapshot delete failed, no such snapshot',
      '10m ago revision 2 saved',
      '1h ago snapshot 1 2.0 KiB, of revision 1, "before 2.0"',
      '1h ago deploy succeeded, in 12.0s',
      '2h ago revision 1 saved',
    ]);
  });
});

describe('colo diff', () => {
  it('prints a unified diff of two revisions, and says so when they are the same', async () => {
    server = await startFakeColo({
      'GET /vdcs/:name': (req) => {
        const n = Number(req.query.revision ?? 3);
        return { body: { vdc: { name: 'shop' }, revision: { number: n, manifest: manifest(n === 1 ? 3 : 5) } } };
      },
    });
    const res = await runCli(['diff', 'shop', '1', '2'], { server });
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['--- shop@1', '+++ shop@2']);
    expect(lines).toContain('-    replicas: 3');
    expect(lines).toContain('+    replicas: 5');
    expect(server.requests.map((r) => r.query.revision)).toEqual(['1', '2']);
    expect((await runCli(['diff', 'shop', '2'], { server })).stdout).toBe('revisions 2 and 3 of shop are the same\n');
    const bad = await runCli(['diff', 'shop', 'two'], { server });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/REV1 "two" must be a revision number/);
  });
});
