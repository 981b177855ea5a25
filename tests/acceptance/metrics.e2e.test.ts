// Metrics end to end, against the real web app, worker and Docker: a small VDC (a PHP web tier,
// the LAMP demo's class, of 2 replicas published on a free 127.0.0.1 port) is deployed; the worker samples it every
// 10 s (its default). The API answers stored raw samples per replica and, once the worker's
// minute roll-up ran, 1-minute roll-ups for a 24 h range; another user gets 404. In Chromium, the
// appliance page's CPU and network charts rise within 30 s of a bounded load (≤ 20 s of requests
// to the published port); the VDC metrics page (linked from the editor) stacks the appliance, the
// canvas box shows its gauge, and the VDC list its usage against the quota. Another user's 404 is checked in control (metrics.test.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, cliEnv, colo, explainVdc, freePort, instance, type Service, startWeb, startWorker, waitFor } from './harness';

const NAME = 'metrics-ui';
const MIB256 = 256 * 1024 * 1024;
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

/** Requests to the published port for at most `seconds`, a few at a time; how many answered. */
async function load(seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let answered = 0;
  const lane = async () => {
    while (Date.now() < until) {
      const res = await fetch(`http://127.0.0.1:${sitePort}/?pad=${'x'.repeat(2000)}`).catch(() => undefined);
      if (res) {
        await res.arrayBuffer();
        answered++;
      }
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return answered;
}

/** The number a chart shows as its total (its newest samples summed). */
const chartValue = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

beforeAll(async () => {
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

  sitePort = await freePort();
  const manifest = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: NAME,
    appliances: [{ name: 'web', class: 'web-php', replicas: 2, expose: [{ terminal: 'in', port: sitePort }] }],
    visual: { web: { x: 0, y: 0 } },
  };
  const created = await call('POST', '/vdcs', { manifest });
  expect(created.status).toBe(201);
  vdcId = created.json.vdc.id;
  const started = await call('POST', `/vdcs/${NAME}/deploy`, {});
  expect(started.status).toBe(202);
  const op = await waitFor(
    'the deploy',
    async () => {
      const { json } = await call('GET', `/operations/${started.json.operation.id}`);
      return ['succeeded', 'failed'].includes(json.operation.status) ? json.operation : undefined;
    },
    240_000,
    500,
    () => explainVdc(vdcId),
  );
  expect(op.status).toBe('succeeded');

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

describe('metrics of a deployed VDC', () => {
  it('stores a raw sample per replica every 10 s, answered per appliance and per replica', async () => {
    const answer = await waitFor('two samples of each replica', async () => {
      const m = await metrics('15m');
      const web = m.appliances.find((a) => a.name === 'web');
      return web && web.replicas.length === 2 && web.replicas.every((r) => r.points.length >= 2) ? m : undefined;
    }, 60_000, 1000);
    expect(answer.resolution).toBe(0);
    const webMetrics = answer.appliances[0];
    expect(webMetrics?.replicas.map((r) => r.replica)).toEqual([1, 2]);
    const [first, second] = webMetrics?.replicas[0]?.points ?? [];
    // Ticks are aligned to the interval: samples 10 s apart (a slow tick may skip one).
    expect(((second?.t ?? 0) - (first?.t ?? 0)) % 10_000).toBe(0);
    // web-php's default limit: 256 MiB per replica, summed for the appliance.
    expect(webMetrics?.replicas[0]?.points.at(-1)?.memoryLimit).toBe(MIB256);
    expect(webMetrics?.points.at(-1)?.memoryLimit).toBe(2 * MIB256);
    expect(webMetrics?.points.at(-1)?.memoryUsed).toBeGreaterThan(0);
    // Without a session it is refused; a range it does not know is a bad request.
    expect((await call('GET', `/vdcs/${NAME}/metrics`, undefined, '')).status).toBe(401);
    expect((await call('GET', `/vdcs/${NAME}/metrics?range=2y`)).status).toBe(400);
  });

  it('rises in the appliance page\'s CPU and network charts within 30 s of a bounded load', async () => {
    await page.goto(`${url}/vdcs/${NAME}/appliances/web`);
    await page.getByTestId('chart-cpu').waitFor();
    await page.getByTestId('chart-net').waitFor();
    const cpuBefore = await chartValue('chart-cpu');
    const netBefore = await chartValue('chart-net');
    const started = Date.now();
    const answered = load(20);
    // The charts poll every 5 s and the worker samples every 10 s: a rise shows within 30 s.
    await expect.poll(() => chartValue('chart-net'), { timeout: 30_000, interval: 1000 }).toBeGreaterThan(netBefore + 10_000);
    await expect.poll(() => chartValue('chart-cpu'), { timeout: Math.max(1000, 30_000 - (Date.now() - started)), interval: 1000 }).toBeGreaterThan(cpuBefore + 2);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(await answered).toBeGreaterThan(50);
    await screenshot(page, 'metrics-appliance-charts');
    // Both replicas are drawn (the balancer spreads the load); the chart shows their names.
    await expect.poll(async () => (await page.getByTestId('chart-cpu').textContent()) ?? '').toContain('replica 2');
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
    expect(lines.slice(2).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['web all', 'web 1', 'web 2']);
    expect(lines[2]).toMatch(/^web\s+all\s+\d+\.\d%\s+[\d.]+ (B|KiB|MiB) \/ 512\.0 MiB\s/);
  });

  it('stacks the appliances on the VDC metrics page, linked from the editor, and shows a gauge on the box', async () => {
    await page.goto(`${url}/vdcs/${NAME}`);
    await page.getByTestId('node-usage-web').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('node-usage-web').getAttribute('data-memory'))).toBeGreaterThan(0);
    await page.getByTestId('metrics-link').click();
    await page.waitForURL(`**/vdcs/${NAME}/metrics`);
    await page.getByTestId('vdc-chart-cpu').waitFor();
    expect(await page.getByTestId('vdc-chart-memory').textContent()).toContain('Memory');
    expect(await chartValue('vdc-chart-memory')).toBeGreaterThan(0);
    await screenshot(page, 'metrics-vdc');
  });

  it('shows usage against the quota on the VDC list: reserved by the revision, in use now', async () => {
    await page.goto(`${url}/vdcs`);
    const cpu = page.getByTestId('quota-cpu');
    await cpu.waitFor();
    // web-php reserves 0.5 cores and 256 MiB per replica; the defaults allow 32 cores, 64 GiB, 100 containers.
    expect(Number(await cpu.getAttribute('data-reserved'))).toBe(1);
    expect(Number(await cpu.getAttribute('data-limit'))).toBe(32);
    expect(Number(await cpu.getAttribute('data-now'))).toBeGreaterThan(0);
    const memory = page.getByTestId('quota-memory');
    expect(Number(await memory.getAttribute('data-reserved'))).toBe(2 * MIB256);
    const now = Number(await memory.getAttribute('data-now'));
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(2 * MIB256);
    expect(await page.getByTestId('quota-containers').getAttribute('data-now')).toBe('2');
    expect(await page.getByTestId('quota-usage').textContent()).toMatch(/reserved of 32 cores/);
  });

  it('rolls samples up to 1-minute buckets, which a 24 h range answers', async () => {
    // The worker rolls up once a minute: within about 70 s a bucket holds this run's samples.
    const day = await waitFor('a 1-minute roll-up', async () => {
      const m = await metrics('24h');
      return m.appliances[0]?.replicas[0]?.points.length ? m : undefined;
    }, 90_000, 2000);
    expect(day.resolution).toBe(60);
    const bucket = day.appliances[0]?.replicas[0]?.points[0];
    expect((bucket?.t ?? 1) % 60_000).toBe(0);
    expect(bucket?.memoryLimit).toBe(MIB256);
    const raw = await metrics('1h');
    const inBucket = raw.appliances[0]?.replicas[0]?.points.filter((p) => p.t >= (bucket?.t ?? 0) && p.t < (bucket?.t ?? 0) + 60_000) ?? [];
    expect(inBucket.length).toBeGreaterThan(0);
    const month = await metrics('30d');
    expect(month.resolution).toBe(3600);
    expect(month.appliances[0]?.points.length).toBeGreaterThan(0);
  });
});
