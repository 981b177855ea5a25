// Metrics end to end, against the real web app, worker and Docker: the shipped LAMP demo
// (templates/assemblies/lamp-cluster.yaml: halb → 3 × web-php → NAS + PostgreSQL) is deployed as
// shipped except for its name and its port (a free 127.0.0.1 port instead of 8080); the worker
// samples it every 10 s (its default). The API answers stored raw samples per replica and, once
// the worker's minute roll-up ran, 1-minute roll-ups for a 24 h range. In Chromium, the web
// tier's CPU and network charts on its appliance page both rise within 30 s of the start of a
// bounded load (≤ 20 s of requests to the balancer's published port); the VDC metrics page
// (linked from the editor) stacks every appliance, the canvas boxes show their gauges, and the
// VDC list the usage against the quota. Expected figures are computed from the assembly and the
// classes' defaults. Another user's 404 is checked in control (metrics.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '@colo/catalog';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { parseMemory } from '@colo/manifest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, cliEnv, colo, explainVdc, freePort, instance, ROOT, type Service, startWeb, startWorker, waitFor } from './harness';

const NAME = 'metrics-lamp';
const ASSEMBLY = 'templates/assemblies/lamp-cluster.yaml';
const MIB = 1024 * 1024;

interface ApplianceDoc {
  name: string;
  class: string;
  replicas?: number;
  resources?: { cpu?: number; memory?: string | number };
  expose?: { terminal: string; port: number }[];
}
interface AssemblyDoc {
  name: string;
  appliances: ApplianceDoc[];
}
/** What one appliance of the assembly reserves, class defaults applied. */
interface Reserved {
  name: string;
  replicas: number;
  cpu: number;
  memory: number;
}

const shipped = parse(readFileSync(path.join(ROOT, ASSEMBLY), 'utf8')) as AssemblyDoc;
const byClass = (cls: string) => {
  const a = shipped.appliances.find((x) => x.class.split('@')[0] === cls);
  if (!a) throw new Error(`${ASSEMBLY} has no ${cls} appliance`);
  return a;
};
const BALANCER = byClass('halb');
const WEB = byClass('web-php').name;
const NAMES = shipped.appliances.map((a) => a.name);

let reserved: Reserved[] = [];
const reserve = (name: string) => reserved.find((r) => r.name === name) as Reserved;
const total = () => ({
  cpu: Math.round(reserved.reduce((s, r) => s + r.replicas * r.cpu, 0) * 1000) / 1000,
  memory: reserved.reduce((s, r) => s + r.replicas * r.memory, 0),
  containers: reserved.reduce((s, r) => s + r.replicas, 0),
});

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;
let cookie: string;
let sitePort: number;
let vdcId = '';

interface Point {
  t: number;
  cpu: number;
  memoryUsed: number;
  memoryLimit: number;
  netRx: number;
  netTx: number;
}
interface Metrics {
  resolution: number;
  appliances: { name: string; points: Point[]; replicas: { replica: number; points: Point[] }[] }[];
}

async function call(method: string, route: string, body?: unknown, withCookie = cookie) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie: withCookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const metrics = async (range: string) => (await call('GET', `/vdcs/${NAME}/metrics?range=${range}`)).json as Metrics;
const of = (m: Metrics, name: string) => m.appliances.find((a) => a.name === name);

/**
 * Requests to the balancer's published port for at most `seconds`, a few at a time (the demo's
 * JSON page, which counts a hit in PostgreSQL; a padded query adds bytes to the network);
 * how many the demo answered, and which web replicas served them.
 */
async function load(seconds: number): Promise<{ answered: number; hosts: Set<string> }> {
  const until = Date.now() + seconds * 1000;
  let answered = 0;
  const hosts = new Set<string>();
  const lane = async () => {
    while (Date.now() < until) {
      const res = await fetch(`http://127.0.0.1:${sitePort}/?format=json&pad=${'x'.repeat(2000)}`).catch(() => undefined);
      if (!res) continue;
      const text = await res.text().catch(() => '');
      if (!res.ok) continue;
      answered++;
      const host = (JSON.parse(text) as { host?: string }).host;
      if (host) hosts.add(host);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return { answered, hosts };
}

/** The number a chart shows as its total (its newest samples summed). */
const chartValue = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

beforeAll(async () => {
  const { catalog } = await loadCatalog();
  reserved = shipped.appliances.map((a) => {
    const cls = catalog.get(a.class);
    if (!cls) throw new Error(`${ASSEMBLY}: unknown class ${a.class}`);
    return {
      name: a.name,
      replicas: a.replicas ?? cls.replicas.default,
      cpu: a.resources?.cpu ?? cls.resources.cpu.default,
      memory: parseMemory(a.resources?.memory ?? cls.resources.memory.default),
    };
  });

  db = await createTestDatabase('metrics_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  web = await startWeb(port, env);
  worker = startWorker(env);
  await waitFor('the worker', async () => worker.output().includes('colo worker ready'), 90_000, 300, async () => worker.output());
  const setup = await call('POST', '/auth/setup', { email: 'mia@colo.test', name: 'Mia', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];

  // The assembly as shipped, under this test's name and on a port that is free now (the user's
  // own LAMP demo may hold 8080).
  sitePort = await freePort();
  const manifest = structuredClone(shipped);
  manifest.name = NAME;
  const published = manifest.appliances.find((a) => a.name === BALANCER.name)?.expose;
  if (!published?.[0]) throw new Error(`${ASSEMBLY}: the balancer exposes no port`);
  published[0].port = sitePort;
  const created = await call('POST', '/vdcs', { manifest });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  vdcId = created.json.vdc.id;
  const started = await call('POST', `/vdcs/${NAME}/deploy`, {});
  expect(started.status).toBe(202);
  const op = await waitFor(
    'the deploy',
    async () => {
      const { json } = await call('GET', `/operations/${started.json.operation.id}`);
      return ['succeeded', 'failed'].includes(json.operation.status) ? json.operation : undefined;
    },
    360_000,
    500,
    () => explainVdc(vdcId),
  );
  expect(op.status, await explainVdc(vdcId)).toBe('succeeded');

  browser = await launchBrowser();
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1280, height: 1100 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await worker?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('metrics of the deployed LAMP demo', () => {
  it('stores a raw sample per replica every 10 s, answered per appliance and per replica', async () => {
    const answer = await waitFor('two samples of each replica of each appliance', async () => {
      const m = await metrics('15m');
      return reserved.every((r) => {
        const a = of(m, r.name);
        return a && a.replicas.length === r.replicas && a.replicas.every((x) => x.points.length >= 2);
      }) ? m : undefined;
    }, 90_000, 1000);
    expect(answer.resolution).toBe(0);
    expect(answer.appliances.map((a) => a.name).sort()).toEqual([...NAMES].sort());
    const webTier = of(answer, WEB);
    expect(webTier?.replicas.map((r) => r.replica)).toEqual(Array.from({ length: reserve(WEB).replicas }, (_, i) => i + 1));
    const [first, second] = webTier?.replicas[0]?.points ?? [];
    // Ticks are aligned to the interval: samples 10 s apart (a slow tick may skip one).
    expect(((second?.t ?? 0) - (first?.t ?? 0)) % 10_000).toBe(0);
    // Each replica's limit is the assembly's memory (or its class's default); an appliance's
    // points sum its replicas.
    for (const r of reserved) {
      const a = of(answer, r.name);
      for (const replica of a?.replicas ?? []) expect(replica.points.at(-1)?.memoryLimit, `${r.name}/${replica.replica}`).toBe(r.memory);
      expect(a?.points.at(-1)?.memoryLimit, r.name).toBe(r.replicas * r.memory);
      expect(a?.points.at(-1)?.memoryUsed, r.name).toBeGreaterThan(0);
    }
    // Without a session it is refused; a range it does not know is a bad request.
    expect((await call('GET', `/vdcs/${NAME}/metrics`, undefined, '')).status).toBe(401);
    expect((await call('GET', `/vdcs/${NAME}/metrics?range=2y`)).status).toBe(400);
  });

  it("rises in the web tier's CPU and network charts within 30 s of a bounded load on the balancer", async () => {
    await page.goto(`${url}/vdcs/${NAME}/appliances/${WEB}`);
    await page.getByTestId('chart-cpu').waitFor();
    await page.getByTestId('chart-net').waitFor();
    const cpuBefore = await chartValue('chart-cpu');
    const netBefore = await chartValue('chart-net');
    const started = Date.now();
    const loaded = load(20);
    // The charts poll every 5 s and the worker samples every 10 s: both rises show within 30 s.
    // Both charts are read on each poll, so neither waits on the other; each rise's time is kept.
    const rise: { cpu: number; net: number; cpuAt?: number; netAt?: number } = { cpu: cpuBefore, net: netBefore };
    await expect
      .poll(
        async () => {
          const [cpu, net] = await Promise.all([chartValue('chart-cpu'), chartValue('chart-net')]);
          const at = (Date.now() - started) / 1000;
          Object.assign(rise, { cpu, net });
          if (rise.cpuAt === undefined && cpu > cpuBefore + 2) rise.cpuAt = at;
          if (rise.netAt === undefined && net > netBefore + 10_000) rise.netAt = at;
          return { ...rise };
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatchObject({ cpuAt: expect.any(Number), netAt: expect.any(Number) });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `metrics e2e: CPU ${cpuBefore.toFixed(1)}% → ${rise.cpu.toFixed(1)}% at ${rise.cpuAt?.toFixed(1)} s; network ${Math.round(netBefore)} → ${Math.round(rise.net)} B/s at ${rise.netAt?.toFixed(1)} s`,
    );
    expect(seconds).toBeLessThan(30);
    expect(rise.cpuAt).toBeLessThan(30);
    expect(rise.netAt).toBeLessThan(30);
    const { answered, hosts } = await loaded;
    console.log(`metrics e2e: the load got ${answered} answers from ${hosts.size} web replicas`);
    expect(answered).toBeGreaterThan(50);
    // The balancer spread the load over every web replica, and the charts draw each of them.
    expect(hosts.size).toBe(reserve(WEB).replicas);
    await screenshot(page, 'metrics-appliance-charts');
    await expect.poll(async () => (await page.getByTestId('chart-cpu').textContent()) ?? '').toContain(`replica ${reserve(WEB).replicas}`);
  });

  it('prints the newest sample per appliance and replica with colo top', async () => {
    const made = await call('POST', '/tokens', { name: 'top', scope: 'read' });
    expect(made.status).toBe(201);
    const res = await colo(['top', NAME], cliEnv(url, made.json.token), 60_000);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${NAME}: sampled \\d+[sm] ago$`));
    expect(lines[1]).toMatch(/^APPLIANCE\s+REPLICA\s+CPU\s+MEMORY\s+NET\s+BLOCK I\/O$/);
    // Appliances by name; one of several replicas has an `all` row before its replicas'.
    const expected = [...reserved]
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((r) => (r.replicas > 1 ? [`${r.name} all`, ...Array.from({ length: r.replicas }, (_, i) => `${r.name} ${i + 1}`)] : [`${r.name} 1`]));
    expect(lines.slice(2).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(expected);
    // The CLI's rounding: one decimal below 100 of a unit, none from 100 up.
    const limitMib = (reserve(WEB).replicas * reserve(WEB).memory) / MIB;
    const webLimit = `${limitMib < 100 ? limitMib.toFixed(1) : Math.round(limitMib)} MiB`;
    expect(lines.find((l) => l.startsWith(`${WEB} `))).toMatch(new RegExp(`^${WEB}\\s+all\\s+\\d+\\.\\d%\\s+[\\d.]+ (B|KiB|MiB) / ${webLimit.replace('.', '\\.')}\\s`));
  });

  it('stacks the appliances on the VDC metrics page, linked from the editor, and shows a gauge on each box', async () => {
    await page.goto(`${url}/vdcs/${NAME}`);
    for (const name of NAMES) {
      await page.getByTestId(`node-usage-${name}`).waitFor({ timeout: 30_000 });
      expect(Number(await page.getByTestId(`node-usage-${name}`).getAttribute('data-memory')), name).toBeGreaterThan(0);
    }
    await page.getByTestId('metrics-link').click();
    await page.waitForURL(`**/vdcs/${NAME}/metrics`);
    await page.getByTestId('vdc-chart-cpu').waitFor();
    const memoryChart = (await page.getByTestId('vdc-chart-memory').textContent()) ?? '';
    expect(memoryChart).toContain('Memory');
    // Each appliance is a stacked series, named in the chart's legend.
    for (const name of NAMES) expect(memoryChart).toContain(name);
    expect(await chartValue('vdc-chart-memory')).toBeGreaterThan(0);
    await screenshot(page, 'metrics-vdc');
  });

  it('shows usage against the quota on the VDC list: reserved by the revision, in use now', async () => {
    const whole = total();
    await page.goto(`${url}/vdcs`);
    const cpu = page.getByTestId('quota-cpu');
    await cpu.waitFor();
    // What the whole VDC reserves (each appliance's cores and memory × its replicas); the defaults
    // allow 32 cores, 64 GiB, 100 containers.
    expect(Number(await cpu.getAttribute('data-reserved'))).toBeCloseTo(whole.cpu, 6);
    expect(Number(await cpu.getAttribute('data-limit'))).toBe(32);
    expect(Number(await cpu.getAttribute('data-now'))).toBeGreaterThan(0);
    const memory = page.getByTestId('quota-memory');
    expect(Number(await memory.getAttribute('data-reserved'))).toBe(whole.memory);
    const now = Number(await memory.getAttribute('data-now'));
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(whole.memory);
    const containers = page.getByTestId('quota-containers');
    expect(Number(await containers.getAttribute('data-reserved'))).toBe(whole.containers);
    expect(Number(await containers.getAttribute('data-now'))).toBe(whole.containers);
    expect(await page.getByTestId('quota-usage').textContent()).toMatch(/reserved of 32 cores/);
  });

  it('rolls samples up to 1-minute buckets, which a 24 h range answers', async () => {
    // The worker rolls up once a minute: within about 70 s a bucket holds this run's samples.
    const day = await waitFor('a 1-minute roll-up', async () => {
      const m = await metrics('24h');
      return of(m, WEB)?.replicas[0]?.points.length ? m : undefined;
    }, 90_000, 2000);
    expect(day.resolution).toBe(60);
    const bucket = of(day, WEB)?.replicas[0]?.points[0];
    expect((bucket?.t ?? 1) % 60_000).toBe(0);
    expect(bucket?.memoryLimit).toBe(reserve(WEB).memory);
    const raw = await metrics('1h');
    const inBucket = of(raw, WEB)?.replicas[0]?.points.filter((p) => p.t >= (bucket?.t ?? 0) && p.t < (bucket?.t ?? 0) + 60_000) ?? [];
    expect(inBucket.length).toBeGreaterThan(0);
    const month = await metrics('30d');
    expect(month.resolution).toBe(3600);
    expect(of(month, WEB)?.points.length).toBeGreaterThan(0);
  });
});
