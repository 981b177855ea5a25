// Logs across a VDC through the real API and the real CLI: replicas of catalog-image containers
// with this run's labels print known lines (a secret among them); the search merges, filters,
// refuses bad values naming them, downloads as files, follows live; `colo logs` prints the same.
// Only containers with this run's instance label are made, and removed at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colo, docker, execIn, instance, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const NAME = 'logs-shop';
const IMAGE = 'colo/web-static:1';
let c: Colo;
let vdcId = '';

const manifest = `apiVersion: colo/v1
kind: VDC
name: ${NAME}
appliances:
  - { name: web, class: web-static, replicas: 2 }
  - { name: cache, class: redis }
`;

/** A replica of `appliance` printing `lines` (shell) from the moment `at`, then idling. */
async function replica(appliance: string, n: number, lines: string[]): Promise<string> {
  // Waits for a start moment written to /tmp/at once all run, so they print in step however slowly they start.
  const wait = 'while [ ! -s /tmp/at ]; do sleep 0.01; done; at=$(cat /tmp/at); while [ $(( $(date +%s%N) / 1000000 )) -lt $at ]; do sleep 0.01; done';
  const container = await docker.createContainer({
    name: `${instance}-logs-${appliance}-${n}`,
    Image: IMAGE,
    Entrypoint: ['sh', '-c', `${wait}; ${lines.join('; ')}; exec sleep 600`],
    Labels: { 'colo.managed': 'true', 'colo.instance': instance, 'colo.vdc': vdcId, 'colo.appliance': appliance, 'colo.replica': String(n) },
    HostConfig: { Memory: 32 * 1024 ** 2 },
  });
  await container.start();
  return container.id;
}

async function logs(query: string): Promise<{ status: number; json: { entries: { appliance: string; replica: number; level: string; line: string }[]; truncated: boolean; error?: { message: string } } }> {
  return api(c, 'GET', `/vdcs/${NAME}/logs?${query}`);
}

beforeAll(async () => {
  c = await startColo();
  const created = await api<{ vdc: { id: string } }>(c, 'POST', '/vdcs', { manifest });
  expect(created.status).toBe(201);
  vdcId = created.json.vdc.id;
  const started = [
    await replica('web', 1, ['echo "web1 GET /index 200"', 'sleep 0.3', 'echo "2026/12/03 12:00:00 [error] 7#7: web1 upstream timed out" >&2']),
    await replica('web', 2, ['sleep 0.15', 'echo "web2 GET /cart 200"', 'sleep 0.3', 'echo "web2 stack trace line" >&2']),
    await replica('cache', 1, ['sleep 0.1', 'echo "1:M 03 Dec 2026 12:00:00.000 # WARNING cache memory overcommit"']),
  ];
  const at = Date.now() + 2000;
  for (const id of started) await execIn(id, ['sh', '-c', `echo ${at} > /tmp/at`]);
  await waitFor('all five lines', async () => ((await logs('')).json.entries?.length === 5 ? true : undefined), 30_000);
}, 240_000);

afterAll(async () => {
  await c?.stop();
});

describe('GET /vdcs/:name/logs', () => {
  it('merges every replica by time, tagged with appliance, replica and level', async () => {
    const { status, json } = await logs('');
    expect(status).toBe(200);
    expect(json.truncated).toBe(false);
    expect(json.entries.map((e) => `${e.appliance}#${e.replica} ${e.level}`)).toEqual(['web#1 info', 'cache#1 warn', 'web#2 info', 'web#1 error', 'web#2 warn']);
  });

  it('filters by appliance, replica, text, pattern and level', async () => {
    const lines = async (q: string) => (await logs(q)).json.entries.map((e) => e.line);
    expect(await lines('appliance=web&replica=2')).toEqual(['web2 GET /cart 200', 'web2 stack trace line']);
    expect(await lines('q=get%20/')).toEqual(['web1 GET /index 200', 'web2 GET /cart 200']);
    expect(await lines(`regex=${encodeURIComponent('/(cart|index) 200$')}`)).toEqual(['web1 GET /index 200', 'web2 GET /cart 200']);
    expect(await lines('level=error')).toEqual([expect.stringContaining('web1 upstream timed out')]);
    expect(await lines('since=1h&appliance=cache')).toEqual([expect.stringContaining('cache memory overcommit')]);
    expect(await lines('until=1h')).toEqual([]);
  });

  it('refuses bad values with a 400 naming the parameter, and an unknown appliance with a 404', async () => {
    for (const [query, param] of [
      ['since=soon', 'since'],
      ['level=loud', 'level'],
      ['limit=0', 'limit'],
      [`regex=${encodeURIComponent('(a+)+')}`, 'regex'],
      ['format=xml', 'format'],
    ]) {
      const res = await logs(query);
      expect(res.status, query).toBe(400);
      expect(res.json.error?.message, query).toMatch(new RegExp(`^${param}: `));
    }
    expect((await logs('appliance=nothere')).status).toBe(404);
    expect((await api(c, 'GET', '/vdcs/no-such-vdc/logs')).status).toBe(404);
  });

  it('downloads as text or NDJSON attachments, marking a truncated answer', async () => {
    const text = await fetch(`${c.url}/api/v1/vdcs/${NAME}/logs?format=text&limit=2`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-disposition')).toMatch(/^attachment; filename="logs-shop-logs-[\d-T]+\.log"$/);
    const body = (await text.text()).trimEnd().split('\n');
    expect(body).toHaveLength(3);
    expect(body[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z web#1 stderr error 2026\/12\/03 12:00:00 \[error\] 7#7: web1 upstream timed out$/);
    expect(body[1]).toMatch(/ web#2 stderr warn  web2 stack trace line$/);
    expect(body[2]).toMatch(/^… truncated: only the newest 2 matching lines/);

    const nd = await fetch(`${c.url}/api/v1/vdcs/${NAME}/logs?format=ndjson&appliance=web`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(nd.headers.get('content-disposition')).toMatch(/filename="logs-shop-web-logs-.*\.ndjson"/);
    const rows = (await nd.text()).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.line)).toEqual(['web1 GET /index 200', 'web2 GET /cart 200', expect.stringContaining('upstream'), 'web2 stack trace line']);
  });

  it('follows: the matching history, then new lines from any replica', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${c.url}/api/v1/vdcs/${NAME}/logs?follow=1&q=checkout`, { headers: { authorization: `Bearer ${c.token}` }, signal: ctl.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      const end = Date.now() + 20_000;
      while (!text.includes(needle)) {
        if (Date.now() > end) throw new Error(`no "${needle}" in:\n${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${needle}"`);
        text += new TextDecoder().decode(value);
      }
    };
    try {
      await readUntil('event: caught-up');
      expect(text).not.toContain('event: log');
      const web2 = (await docker.listContainers({ filters: { label: [`colo.vdc=${vdcId}`, 'colo.appliance=web', 'colo.replica=2'] } }))[0];
      const access = '10.0.0.9 - - [03/Dec/2026:12:00:00 +0000] "POST /checkout HTTP/1.1" 500 12';
      await execIn(web2.Id, ['sh', '-c', `echo '${access}' > /proc/1/fd/1; echo "web2 other" > /proc/1/fd/1`]);
      await readUntil('/checkout HTTP/1.1');
      const data = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('/checkout'));
      expect(JSON.parse(data?.slice(6) ?? '{}')).toMatchObject({ appliance: 'web', replica: 2, stream: 'stdout', level: 'error', line: access });
      expect(text).not.toContain('web2 other');
    } finally {
      ctl.abort();
      await reader.cancel().catch(() => {});
    }
  });

  it('keeps the appliance logs route working', async () => {
    const { status, json } = await api<{ lines: { line: string }[] }>(c, 'GET', `/vdcs/${NAME}/appliances/cache/logs?tail=5`);
    expect(status).toBe(200);
    expect(json.lines.map((l) => l.line)).toEqual([expect.stringContaining('cache memory overcommit')]);
  });
});

describe('colo logs', () => {
  it('prints the filtered, merged lines', async () => {
    const res = await colo(['logs', NAME, 'web', '--level', 'warn', '--since', '1h'], c.env, 60_000);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    // The three at warn or worse: two printed at start, one written during the follow above.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/ web#1 stderr error .*web1 upstream timed out$/);
    expect(lines[1]).toMatch(/ web#2 stderr warn  web2 stack trace line$/);
    expect(lines[2]).toMatch(/ web#2 stdout error 10\.0\.0\.9 .*"POST \/checkout HTTP\/1\.1" 500 12$/);
  });

  it('narrows to a replica and greps, and names a bad value', async () => {
    const res = await colo(['logs', NAME, 'web', '--replica', '1', '--grep', 'GET'], c.env, 60_000);
    expect(res.stdout.trimEnd()).toMatch(/^\S+ web#1 stdout info  web1 GET \/index 200$/);
    const bad = await colo(['logs', NAME, '--since', 'soon'], c.env, 60_000);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('since: "soon"');
  });
});
