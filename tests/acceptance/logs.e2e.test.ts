// The logs view in real Chromium: a VDC that is never deployed, with replicas made of a catalog
// image under this run's labels that print known lines. From the editor's Logs link: the lines of
// all replicas merged; the text filter (typed from the keyboard) highlights its matches; level,
// appliance and replica narrow; Download saves what the filters select, checked against the API;
// follow shows a line written afterwards; the appliance page shows only its appliance's lines.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, docker, execIn, freePort, instance, startWeb, waitFor } from './harness';

const NAME = 'logs-ui';
let db: TestDatabase;
let web: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let vdcId = '';
const ids: Record<string, string> = {};

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
}

async function replica(appliance: string, n: number, lines: string[]): Promise<void> {
  // Waits for a start moment written to /tmp/at once all run, so they print in step however slowly they start.
  const wait = 'while [ ! -s /tmp/at ]; do sleep 0.01; done; at=$(cat /tmp/at); while [ $(( $(date +%s%N) / 1000000 )) -lt $at ]; do sleep 0.01; done';
  const container = await docker.createContainer({
    name: `${instance}-logs-ui-${appliance}-${n}`,
    Image: 'colo/web-static:1',
    Entrypoint: ['sh', '-c', `${wait}; ${lines.join('; ')}; exec sleep 600`],
    Labels: { 'colo.managed': 'true', 'colo.instance': instance, 'colo.vdc': vdcId, 'colo.appliance': appliance, 'colo.replica': String(n) },
    HostConfig: { Memory: 32 * 1024 ** 2 },
  });
  await container.start();
  ids[`${appliance}-${n}`] = container.id;
}

const lines = () => page.locator('[data-testid=logs-line]');
async function shownLines(count: number): Promise<string[]> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=logs-line]').length === n, count);
  return (await lines().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

beforeAll(async () => {
  db = await createTestDatabase('logs_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  const setup = await call('POST', '/auth/setup', { email: 'lou@colo.test', name: 'Lou', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  const manifest = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: NAME,
    appliances: [
      { name: 'web', class: 'web-static', replicas: 2 },
      { name: 'cache', class: 'redis' },
    ],
    visual: { web: { x: 0, y: 0 }, cache: { x: 320, y: 0 } },
  };
  const created = await call('POST', '/vdcs', { manifest });
  expect(created.status).toBe(201);
  vdcId = created.json.vdc.id;
  await replica('web', 1, ['echo "web1 GET /index 200"', 'sleep 0.3', 'echo "2026/12/03 12:00:00 [error] 7#7: web1 upstream timed out" >&2']);
  await replica('web', 2, ['sleep 0.15', 'echo "web2 GET /cart 200"', 'sleep 0.3', 'echo "web2 stack trace line" >&2']);
  await replica('cache', 1, ['sleep 0.1', 'echo "1:M 03 Dec 2026 12:00:00.000 # WARNING cache memory overcommit"']);
  const at = Date.now() + 2000;
  for (const id of Object.values(ids)) await execIn(id, ['sh', '-c', `echo ${at} > /tmp/at`]);
  await waitFor('five lines', async () => (await call('GET', `/vdcs/${NAME}/logs`)).json?.entries?.length === 5 || undefined, 30_000);

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('the logs view', () => {
  it('opens from the editor and shows every replica merged by time', async () => {
    try {
      await page.goto(`${url}/vdcs/${NAME}`);
      await page.click('[data-testid=logs-link]');
      await page.waitForURL(`${url}/vdcs/${NAME}/logs`);
      // innerText as shown: the level badge is upper-case.
      const shown = await shownLines(5);
      expect(shown.map((l) => l.replace(/^.*? \d\d:\d\d:\d\d\.\d{3} /, ''))).toEqual([
        'web#1 INFO web1 GET /index 200',
        'cache#1 WARN 1:M 03 Dec 2026 12:00:00.000 # WARNING cache memory overcommit',
        'web#2 INFO web2 GET /cart 200',
        'web#1 ERROR 2026/12/03 12:00:00 [error] 7#7: web1 upstream timed out',
        'web#2 WARN web2 stack trace line',
      ]);
    } catch (err) {
      await screenshot(page, 'logs-view-open');
      throw err;
    }
  });

  it('filters by text typed from the keyboard, highlighting the matches, then by level, appliance and replica', async () => {
    try {
      await page.focus('[data-testid=logs-range]');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('logs-text');
      await page.keyboard.type('get /');
      expect(await shownLines(2)).toEqual([expect.stringContaining('web1 GET /index 200'), expect.stringContaining('web2 GET /cart 200')]);
      expect(await page.locator('[data-testid=logs-match]').allInnerTexts()).toEqual(['GET /', 'GET /']);

      await page.fill('[data-testid=logs-text]', '');
      await page.selectOption('[data-testid=logs-level]', 'warn');
      expect((await shownLines(3)).map((l) => l.split(' ').find((w) => /^(web|cache)#/.test(w)))).toEqual(['cache#1', 'web#1', 'web#2']);

      await page.selectOption('[data-testid=logs-level]', '');
      await page.selectOption('[data-testid=logs-appliance]', 'web');
      await shownLines(4);
      await page.selectOption('[data-testid=logs-replica]', '2');
      expect(await shownLines(2)).toEqual([expect.stringContaining('web2 GET /cart 200'), expect.stringContaining('web2 stack trace line')]);
    } catch (err) {
      await screenshot(page, 'logs-view-filters');
      throw err;
    }
  });

  it('downloads what the filters select, as the API answers it', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=logs-download]')]);
    expect(download.suggestedFilename()).toMatch(/^logs-ui-web-logs-[\dT-]+\.log$/);
    const file = readFileSync((await download.path()) as string, 'utf8');
    const api = await call('GET', `/vdcs/${NAME}/logs?appliance=web&replica=2&since=1h&format=text`);
    expect(file).toBe(api.text);
    expect(file.trimEnd().split('\n')).toEqual([expect.stringMatching(/ web#2 stdout info  web2 GET \/cart 200$/), expect.stringMatching(/ web#2 stderr warn  web2 stack trace line$/)]);
  });

  it('follows: a line written after the page opened appears', async () => {
    try {
      await page.check('[data-testid=logs-follow]');
      await page.waitForSelector('text=● live');
      await shownLines(2);
      await execIn(ids['web-2'], ['sh', '-c', 'echo "web2 GET /late 200" > /proc/1/fd/1']);
      expect((await shownLines(3))[2]).toContain('web2 GET /late 200');
    } catch (err) {
      await screenshot(page, 'logs-view-follow');
      throw err;
    }
  });

  it('shows only its own appliance on the appliance page', async () => {
    try {
      await page.goto(`${url}/vdcs/${NAME}/appliances/cache`);
      await page.waitForSelector('[data-testid=logs-view]');
      expect(await shownLines(1)).toEqual([expect.stringContaining('cache memory overcommit')]);
    } catch (err) {
      await screenshot(page, 'logs-appliance-page');
      throw err;
    }
  });
});
