import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { removeTempDirs, runCli, tempDir } from '../../test/run-cli';

let server: FakeColo;
afterEach(async () => {
  await server?.close();
  removeTempDirs();
});

const event = (over: Record<string, unknown>) => ({
  id: 'aud_1',
  at: '2026-12-03T10:01:40.123Z',
  actor: { id: 'usr_ann', email: 'ann@example.com', via: 'session', tokenId: null, address: '10.0.0.7' },
  action: 'deployVdc',
  outcome: 'ok',
  status: 202,
  vdc: { id: 'vdc_1', name: 'shop' },
  detail: { method: 'POST', path: '/api/v1/vdcs/shop/deploy', operation: 'op_7kq2' },
  ...over,
});
const failedEnd = event({
  id: 'aud_2',
  at: '2026-12-03T10:02:11.000Z',
  actor: { id: null, email: 'system', via: 'system', tokenId: null, address: null },
  action: 'deployFinished',
  outcome: 'failed',
  status: null,
  detail: { operation: 'op_7kq2', kind: 'deploy', error: 'start db-1: health check timed out' },
});
const token = event({ id: 'aud_3', vdc: null, action: 'createToken', status: 201, detail: { token: { id: 'tok_1', name: 'ci', prefix: 'colo_ab12' } } });

describe('colo audit', () => {
  it('shows the newest events as a table, passing every filter to the server', async () => {
    server = await startFakeColo({ 'GET /audit': { body: { events: [failedEnd, event({}), token], nextCursor: 'next' } } });
    const res = await runCli(['audit', '--since', '24h', '--vdc', 'shop', '--actor', 'ann@example.com', '--action', 'deploy', '--outcome', 'failed', '--limit', '3'], { server });
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^WHEN\s+ACTOR\s+FROM\s+ACTION\s+VDC\s+OUTCOME\s+DETAIL$/);
    expect(lines[1]).toMatch(/^2026-12-03 10:02:11\s+system\s+-\s+deployFinished\s+shop\s+failed\s+op_7kq2: start db-1: health check timed out$/);
    expect(lines[2]).toMatch(/^2026-12-03 10:01:40\s+ann@example.com\s+10\.0\.0\.7\s+deployVdc\s+shop\s+ok\s+op_7kq2$/);
    expect(lines[3]).toMatch(/createToken\s+-\s+ok\s+token "ci" \(colo_ab12…\)$/);
    expect(res.stderr).toMatch(/the newest 3; --limit for more, --csv for all/);
    expect(server.requests[0].query).toEqual({ since: '24h', vdc: 'shop', actor: 'ann@example.com', action: 'deploy', outcome: 'failed', limit: '3' });

    server.route('GET /audit', { body: { events: [], nextCursor: null } });
    expect((await runCli(['audit'], { server })).stdout).toBe('no audit events match\n');
    expect(server.requests[1].query).toEqual({});
  });

  it('streams the whole filtered log as CSV to stdout or a new file, JSON with --json', async () => {
    const csv = 'id,at,actor_email\r\naud_1,2026-12-03T10:01:40.123Z,"\'=1+1"\r\n';
    server = await startFakeColo({ 'GET /audit/export': (req) => (req.query.format === 'csv' ? { raw: csv } : { body: { events: [event({})], truncated: false } }) });
    const out = await runCli(['audit', '--csv', '--outcome', 'denied'], { server });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(csv);
    expect(server.requests[0].query).toEqual({ outcome: 'denied', format: 'csv' });

    const dir = tempDir();
    const written = await runCli(['audit', '--csv', '-o', 'audit.csv'], { server, cwd: dir });
    expect(written.stdout).toBe('wrote audit.csv\n');
    expect(readFileSync(path.join(dir, 'audit.csv'), 'utf8')).toBe(csv);
    writeFileSync(path.join(dir, 'kept.csv'), 'mine');
    const refused = await runCli(['audit', '--csv', '-o', 'kept.csv'], { server, cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/kept.csv exists; it was left as it is/);
    expect(readFileSync(path.join(dir, 'kept.csv'), 'utf8')).toBe('mine');

    const json = await runCli(['audit', '--json', '--vdc', 'shop'], { server });
    expect(JSON.parse(json.stdout).events[0].id).toBe('aud_1');
    expect(server.requests.at(-1)?.query).toEqual({ vdc: 'shop', format: 'json' });
  });

  it('refuses bad arguments before calling the server, and shows the server\'s refusal', async () => {
    server = await startFakeColo({ 'GET /audit': apiError(400, 'bad_request', 'since: must be before until') });
    for (const [argv, message] of [
      [['audit', '--since', 'yesterday'], /--since is a span/],
      [['audit', '--outcome', 'maybe'], /--outcome is ok, denied or failed/],
      [['audit', '--limit', '0'], /--limit is a whole number from 1 to 500/],
      [['audit', '-o', 'x.csv'], /-o goes with --csv or --json/],
      [['audit', '--csv', '--json'], /--csv or --json, not both/],
      [['audit', '--csv', '--limit', '5'], /--limit is for the table/],
    ] as const) {
      const res = await runCli([...argv], { server });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
    const refused = await runCli(['audit', '--since', '1h', '--until', '2h'], { server });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/since: must be before until/);
  });
});
