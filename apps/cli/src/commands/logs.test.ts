import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const entry = (time: string, appliance: string, replica: number, stream: string, level: string, line: string) => ({
  time,
  appliance,
  replica,
  container: `colo-shop-abc-${appliance}-${replica}`,
  stream,
  level,
  line,
});

const web1 = entry('2026-12-03T12:00:01.204123456Z', 'web', 1, 'stderr', 'error', '[error] upstream timed out');
const web2 = entry('2026-12-03T12:00:04.871000000Z', 'web', 2, 'stdout', 'warn', '"GET /missing HTTP/1.1" 404 153');

describe('colo logs', () => {
  it('prints the merged lines with time, appliance#replica, stream and level, and sends the filters', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/logs': { body: { entries: [web1, web2], truncated: false } } });
    const res = await runCli(['logs', 'shop', 'web', '--since', '15m', '--grep', 'GET', '--level', 'warn', '--replica', '2', '-n', '50'], { server });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        '2026-12-03T12:00:01.204Z web#1 stderr error [error] upstream timed out',
        '2026-12-03T12:00:04.871Z web#2 stdout warn  "GET /missing HTTP/1.1" 404 153',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({
      path: '/vdcs/shop/logs',
      query: { appliance: 'web', since: '15m', q: 'GET', level: 'warn', replica: '2', limit: '50' },
    });
  });

  it('says on stderr when older lines were left out', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/logs': { body: { entries: [web2], truncated: true } } });
    const res = await runCli(['logs', 'shop', '--limit', '1'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('web#2');
    expect(res.stderr).toMatch(/^… truncated: only the newest 1 matching lines/);
    expect(server.requests[0].query).toEqual({ limit: '1' });
  });

  it('shows the server\'s refusal naming the parameter', async () => {
    server = await startFakeColo({
      'GET /vdcs/:name/logs': { status: 400, body: { error: { code: 'bad_request', message: 'since: "soon" is neither an ISO 8601 time nor a duration' } } },
    });
    const res = await runCli(['logs', 'shop', '--since', 'soon'], { server });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('since: "soon" is neither');
  });

  it('follows the event stream with -f until the server ends it', async () => {
    const sse = [
      `event: log\ndata: ${JSON.stringify(web1)}\n\n`,
      'event: caught-up\ndata: {"truncated":false}\n\n',
      ': heartbeat\n\n',
      `event: log\ndata: ${JSON.stringify(web2)}\n\n`,
    ].join('');
    server = await startFakeColo({ 'GET /vdcs/:name/logs': { raw: sse } });
    const res = await runCli(['logs', 'shop', '-f', '--grep', 'x'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter(Boolean)).toEqual([
      '2026-12-03T12:00:01.204Z web#1 stderr error [error] upstream timed out',
      '2026-12-03T12:00:04.871Z web#2 stdout warn  "GET /missing HTTP/1.1" 404 153',
    ]);
    expect(server.requests[0].query).toEqual({ follow: '1', q: 'x' });
  });

  it('refuses --replica without an appliance and --until with -f', async () => {
    server = await startFakeColo();
    expect((await runCli(['logs', 'shop', '--replica', '2'], { server })).stderr).toContain('--replica needs an APPLIANCE');
    expect((await runCli(['logs', 'shop', '-f', '--until', '1m'], { server })).stderr).toContain('--until does not go with -f');
    expect(server.calls()).toEqual([]);
  });
});
