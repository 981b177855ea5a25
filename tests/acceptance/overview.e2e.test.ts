// The overview in real Chromium against a real Colo, web and worker: the first page after sign-in,
// every VDC of the user's teams with its state and health from Docker, the team column once there
// is more than one team, and the health of a VDC changing on the page by itself when one of its
// replicas stops (outside Colo), without a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, docker, freePort, startWeb, startWorker, vdcContainers, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let frontId = '';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
}

const manifest = (name: string, replicas = 1) => ({
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name,
  appliances: [{ name: 'web', class: 'web-static', replicas }],
  visual: { web: { x: 0, y: 0 } },
});

beforeAll(async () => {
  db = await createTestDatabase('overview_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = baseEnv({ DATABASE_URL: db.url });
  web = await startWeb(port, env);
  worker = startWorker(env);
  const setup = await call('POST', '/auth/setup', { email: 'ada@colo.test', name: 'Ada', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/teams', { slug: 'ops', name: 'Ops' })).status).toBe(201);
  const front = await call('POST', '/vdcs', { manifest: manifest('front', 2) });
  expect(front.status, front.text).toBe(201);
  frontId = front.json.vdc.id;
  expect((await call('POST', '/vdcs', { manifest: manifest('idle'), team: 'ops' })).status).toBe(201);
  const deploy = await call('POST', '/vdcs/front/deploy', {});
  expect(deploy.status, deploy.text).toBe(202);
  await waitFor('front deployed', async () => (await call('GET', `/operations/${deploy.json.operation.id}`)).json?.operation?.status === 'succeeded', 240_000, 1000);

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('the overview', () => {
  it("is home: the teams' VDCs with state and health, and it follows a replica stopping by itself", async () => {
    try {
      await page.goto(url);
      await page.waitForURL((u) => u.pathname === '/overview');
      const front = page.getByTestId('overview-vdc-front');
      await expect(front.getByTestId('overview-health').textContent()).resolves.toContain('healthy · 2/2');
      await expect(front.textContent()).resolves.toContain('running');
      // Two teams: the team column names the one that owns each VDC.
      await expect(page.getByTestId('overview-vdc-idle').textContent()).resolves.toContain('Ops');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).resolves.toBe('page');

      // A replica stopped outside Colo: the page says so within its refresh, with no reload.
      const [replica] = await vdcContainers(frontId, 'web');
      await docker.getContainer(replica.Id).stop({ t: 1 });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="overview-vdc-front"] [data-testid="overview-health"]')?.textContent?.includes('1/2'),
        undefined,
        { timeout: 30_000 },
      );
      expect(await front.getByTestId('overview-health').textContent()).toMatch(/degraded|unhealthy/);
      await screenshot(page, 'overview');
    } catch (err) {
      await screenshot(page, 'overview-failure').catch(() => {});
      throw err;
    }
  });
});
