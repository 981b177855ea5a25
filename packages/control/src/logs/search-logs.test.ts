// Logs searched and followed across real containers: tiny sleeper containers with this test's
// labels that print known lines on stdout and stderr, a secret among them.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { sealSecrets } from '../secrets';
import { type ControlTest, ensureSleeperImage, manifestOf, SLEEPER_IMAGE, setupControlTest } from '../testing/control-test';
import { createVdc } from '../vdcs/save-vdc';
import { followLogs } from './follow-logs';
import { readLogQuery } from './log-query';
import { searchLogs } from './search-logs';

let t: ControlTest;
let user: AuthUser;
let vdcId: string;
let secret: string;

beforeAll(async () => {
  t = await setupControlTest('logs');
  await ensureSleeperImage();
  user = await t.user();
  const { vdc } = await createVdc(user, manifestOf('shop', [{ name: 'web', class: 'sleeper' }, { name: 'db', class: 'sleeper' }]));
  vdcId = vdc.id;
  // The secret a deploy would have generated for the class's `password`.
  secret = 'Zq8vN3kLwP2xR7tY';
  await getPrisma().vdc.update({ where: { id: vdc.id }, data: { secrets: sealSecrets(vdc.id, { web: { password: secret } }) } });
  // All three start printing at one moment, then interleave by their sleeps (web1, db, web2, …),
  // 0.2 s apart at least: a loaded machine's scheduling must not swap two lines.
  const ids = [
    await box('web', 1, [IN_STEP, 'echo "web1 GET / 200"', 'sleep 1.2', 'echo "[error] web1 upstream timed out" >&2', 'sleep 1.2', `echo "web1 password=${secret}"`]),
    await box('web', 2, [IN_STEP, 'sleep 0.6', 'echo "web2 GET / 200"', 'sleep 1.2', 'echo "web2 plain stderr trace" >&2']),
    await box('db', 1, [IN_STEP, 'sleep 0.4', 'echo "2026-12-03 12:00:00.000 UTC [1] LOG:  db ready" >&2', 'sleep 1.2', 'echo "2026-12-03 12:00:00.000 UTC [9] ERROR:  db relation missing" >&2']),
  ];
  const at = Date.now() + 2000;
  for (const id of ids) await getRuntime().exec(id, ['sh', '-c', `echo ${at} > /tmp/at`]);
  await until(async () => (await search({})).entries.length === 7, 30_000);
}, 60_000);

afterAll(async () => {
  await t?.teardown();
});

/**
 * Shell that waits for a start moment (epoch ms) written to /tmp/at once every container runs,
 * so containers started one by one, however slowly, print in step.
 */
const IN_STEP = 'while [ ! -s /tmp/at ]; do sleep 0.01; done; at=$(cat /tmp/at); while [ $(( $(date +%s%N) / 1000000 )) -lt $at ]; do sleep 0.01; done';

/** A container of `appliance` replica `n` that prints with `script`, then sleeps. */
async function box(appliance: string, n: number, script: string[]): Promise<string> {
  const runtime = getRuntime();
  const id = await runtime.createContainer({
    name: `${t.instance}-${appliance}-${n}`,
    Image: SLEEPER_IMAGE,
    Cmd: ['bash', '-c', `${script.join('; ')}; trap 'exit 0' TERM; sleep infinity & wait`],
    Labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.vdc': vdcId, 'colo.appliance': appliance, 'colo.replica': String(n) },
    HostConfig: { Memory: 32 * 1024 ** 2 },
  });
  await runtime.startContainer(id);
  return id;
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function search(raw: Record<string, string>) {
  return searchLogs(user, 'shop', readLogQuery(raw));
}

describe('searchLogs', () => {
  it('merges every replica by time, each line tagged, secrets masked', async () => {
    const { entries, truncated } = await search({});
    expect(truncated).toBe(false);
    expect(entries.map((e) => `${e.appliance}#${e.replica} ${e.stream} ${e.level} ${e.line.replace(/^.* UTC \[\d\] /, '')}`)).toEqual([
      'web#1 stdout info web1 GET / 200',
      'db#1 stderr info LOG:  db ready',
      'web#2 stdout info web2 GET / 200',
      'web#1 stderr error [error] web1 upstream timed out',
      'db#1 stderr error ERROR:  db relation missing',
      'web#2 stderr warn web2 plain stderr trace',
      expect.stringMatching(/^web#1 stdout info web1 password=\S+$/),
    ]);
    const times = entries.map((e) => e.time);
    expect([...times].sort()).toEqual(times);
    expect(entries.map((e) => e.container)).toContain(`${t.instance}-web-2`);
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(entries.find((e) => e.line.startsWith('web1 password='))?.line).not.toBe(`web1 password=${secret}`);
  });

  it('filters by appliance, replica, text, pattern and level', async () => {
    const lines = async (raw: Record<string, string>) => (await search(raw)).entries.map((e) => e.line);
    expect(await lines({ appliance: 'web', replica: '2' })).toEqual(['web2 GET / 200', 'web2 plain stderr trace']);
    expect(await lines({ q: 'get /' })).toEqual(['web1 GET / 200', 'web2 GET / 200']);
    expect(await lines({ regex: '^web\\d (get|plain)' })).toEqual(['web1 GET / 200', 'web2 GET / 200', 'web2 plain stderr trace']);
    expect(await lines({ level: 'error' })).toEqual(['[error] web1 upstream timed out', expect.stringContaining('ERROR:  db relation missing')]);
    expect((await search({ level: 'warn' })).entries.map((e) => e.level)).toEqual(['error', 'error', 'warn']);
    expect(await lines({ appliance: 'db', q: 'nothing like this' })).toEqual([]);
  });

  it('cannot find a secret by searching for it', async () => {
    expect((await search({ q: secret })).entries).toEqual([]);
    expect((await search({ regex: secret.slice(0, 8).replace(/[^a-z0-9]/gi, '.') })).entries).toEqual([]);
  });

  it('bounds by time and by limit, saying when older lines were left out', async () => {
    const all = (await search({})).entries;
    const since = new Date(Date.parse(all[3].time.slice(0, 23) + 'Z')).toISOString();
    const until = new Date(Date.parse(all[5].time.slice(0, 23) + 'Z')).toISOString();
    expect((await search({ since, until })).entries.map((e) => e.line)).toEqual([all[3].line, all[4].line]);
    expect((await search({ since: '1h' })).entries).toHaveLength(all.length);
    expect((await search({ until: '1h' })).entries).toEqual([]);
    const limited = await search({ limit: '3' });
    expect(limited.truncated).toBe(true);
    expect(limited.entries.map((e) => e.line)).toEqual(all.slice(-3).map((e) => e.line));
  });

  it('answers not_found for an appliance the VDC does not have, and for another user', async () => {
    await expect(search({ appliance: 'cache' })).rejects.toMatchObject({ code: 'not_found' });
    const other = await t.user();
    await expect(searchLogs(other, 'shop', readLogQuery({}))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('followLogs', () => {
  it('sends the matching history, then new matching lines of every replica, including one that appears later', async () => {
    const ctl = new AbortController();
    const source = await followLogs(user, 'shop', readLogQuery({ appliance: 'web', q: 'get' }));
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of source(ctl.signal)) {
        seen.push(e.event === 'log' ? (e.data as { line: string }).line : `<${e.event}>`);
      }
    })();
    try {
      await until(async () => seen.includes('<caught-up>'));
      expect(seen).toEqual(['web1 GET / 200', 'web2 GET / 200', '<caught-up>']);
      const runtime = getRuntime();
      // Written to PID 1's stdout, so it is the container's log, as an application's would be.
      await runtime.exec(`${t.instance}-web-2`, ['bash', '-c', 'echo "web2 GET /later 200" > /proc/1/fd/1; echo "web2 quiet" > /proc/1/fd/1']);
      await until(async () => seen.includes('web2 GET /later 200'));
      await box('web', 3, ['echo "web3 GET /new 200"', 'echo "web3 other"']);
      await box('db', 2, ['echo "db2 GET no"']);
      await until(async () => seen.includes('web3 GET /new 200'));
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual(['web1 GET / 200', 'web2 GET / 200', '<caught-up>', 'web2 GET /later 200', 'web3 GET /new 200']);
    } finally {
      ctl.abort();
      await reading;
    }
  }, 30_000);

  it('resumes a replica that stopped and started again without repeating its history', async () => {
    const ctl = new AbortController();
    const source = await followLogs(user, 'shop', readLogQuery({ appliance: 'web', replica: '1', q: 'web1 get' }));
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of source(ctl.signal)) seen.push(e.event === 'log' ? (e.data as { line: string }).line : `<${e.event}>`);
    })();
    try {
      await until(async () => seen.includes('<caught-up>'));
      expect(seen).toEqual(['web1 GET / 200', '<caught-up>']);
      const runtime = getRuntime();
      await runtime.stopContainer(`${t.instance}-web-1`, 5);
      await runtime.startContainer(`${t.instance}-web-1`);
      // Started again, it prints its first line once more: that one new line, not the old one too.
      await until(async () => seen.length === 3, 20_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(seen).toEqual(['web1 GET / 200', '<caught-up>', 'web1 GET / 200']);
    } finally {
      ctl.abort();
      await reading;
    }
  }, 40_000);

  it('refuses an end time', async () => {
    await expect(followLogs(user, 'shop', readLogQuery({ until: '1m' }))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^until: /) });
  });
});
