import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { removeTempDirs, runCli, tempDir } from '../../test/run-cli';
import type { CliContext } from '../context';
import { top } from './top';

let server: FakeColo;
afterEach(() => server?.close());
afterAll(removeTempDirs);

const NOW = Date.parse('2026-12-03T12:00:10Z');
const point = (t: number, cpu: number, memoryUsed: number, memoryLimit: number, netRx = 0, netTx = 0) => ({
  t,
  cpu,
  cpuMax: cpu,
  memoryUsed,
  memoryMax: memoryUsed,
  memoryLimit,
  netRx,
  netTx,
  blockRead: 0,
  blockWrite: 2048,
});
const MiB = 1024 * 1024;
const t0 = NOW - 14_000;
const t1 = NOW - 4_000;

const answer = {
  vdc: 'shop',
  range: '15m',
  resolution: 0,
  from: '2026-12-03T11:45:10Z',
  to: '2026-12-03T12:00:10Z',
  appliances: [
    {
      name: 'web',
      points: [point(t0, 0.1, 10 * MiB, 64 * MiB), point(t1, 0.5, 20 * MiB, 128 * MiB, 1536, 10 * 1024)],
      replicas: [
        { replica: 1, points: [point(t1, 0.3, 12 * MiB, 64 * MiB, 1024, 6 * 1024)] },
        { replica: 2, points: [point(t1, 0.2, 8 * MiB, 64 * MiB, 512, 4 * 1024)] },
      ],
    },
    { name: 'db', points: [point(t1, 0.04, 200 * MiB, 1024 * MiB)], replicas: [{ replica: 1, points: [point(t1, 0.04, 200 * MiB, 1024 * MiB)] }] },
  ],
};

describe('colo top', () => {
  it('shows the newest sample of each appliance (all replicas) and of each replica, once when not on a terminal', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/metrics': { body: answer } });
    const res = await runCli(['top', 'shop', '--watch'], { server, now: NOW });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'shop: sampled 4s ago',
        'APPLIANCE  REPLICA  CPU    MEMORY               NET                       BLOCK I/O',
        'web        all      50.0%  20.0 MiB / 128 MiB   1.5 KiB/s ↓ 10.0 KiB/s ↑  0 B/s r 2.0 KiB/s w',
        'web        1        30.0%  12.0 MiB / 64.0 MiB  1.0 KiB/s ↓ 6.0 KiB/s ↑   0 B/s r 2.0 KiB/s w',
        'web        2        20.0%  8.0 MiB / 64.0 MiB   512 B/s ↓ 4.0 KiB/s ↑     0 B/s r 2.0 KiB/s w',
        'db         1        4.0%   200 MiB / 1.0 GiB    0 B/s ↓ 0 B/s ↑           0 B/s r 2.0 KiB/s w',
        '',
      ].join('\n'),
    );
    expect(server.requests.map((r) => [r.path, r.query])).toEqual([['/vdcs/shop/metrics', { range: '15m' }]]);
  });

  it('says when there are no samples, and passes on a missing VDC', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/metrics': { body: { ...answer, appliances: [] } } });
    expect((await runCli(['top', 'shop'], { server })).stdout).toContain('shop: no samples in the last 15 minutes');
    server.close();
    server = await startFakeColo({ 'GET /vdcs/:name/metrics': apiError(404, 'not_found', 'VDC "nope" not found') });
    const missing = await runCli(['top', 'nope'], { server });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('VDC "nope" not found');
  });

  it('with --watch on a terminal, redraws every 2 s with a fresh answer', async () => {
    let calls = 0;
    server = await startFakeColo({
      'GET /vdcs/:name/metrics': () => {
        calls++;
        return { body: { ...answer, appliances: [{ ...answer.appliances[1], points: [point(t1, calls / 100, MiB, 2 * MiB)] }] } };
      },
    });
    const out: string[] = [];
    const slept: number[] = [];
    const home = tempDir();
    const ctx: CliContext = {
      out: (line) => out.push(line),
      err: (line) => out.push(`ERR ${line}`),
      env: { HOME: home, XDG_CONFIG_HOME: `${home}/.config`, COLO_URL: server.url, COLO_TOKEN: server.token },
      cwd: process.cwd(),
      readStdin: async () => '',
      fetch: globalThis.fetch,
      // The third wait is the user's Ctrl-C.
      sleep: async (ms) => {
        slept.push(ms);
        if (slept.length === 3) throw new Error('interrupted');
      },
      now: () => NOW,
      pollIntervalMs: 2,
      requestTimeoutMs: 30_000,
      stdoutIsTty: true,
    };
    await top.execute(ctx, ['shop', '--watch']);
    const frames = out.filter((l) => l.startsWith('\x1b[H\x1b[2J'));
    expect(frames).toHaveLength(3);
    expect(frames.map((f) => /db\s+1\s+(\S+)/.exec(f)?.[1])).toEqual(['1.0%', '2.0%', '3.0%']);
    expect(slept).toEqual([2000, 2000, 2000]);
  });
});
