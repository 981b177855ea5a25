// The editor end to end in real Chromium, as a first-time user: first-run setup → sign out and
// sign in → create a VDC → drag halb, web-php (2 replicas), nas and postgres onto the canvas →
// wire them by dragging between handles → an invalid wire is refused → save → deploy → the plan
// is shown → progress reaches done → every node healthy. Then, outside the browser, HTTP through
// the load balancer's published port on 127.0.0.1 reaches both web replicas.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { dragBetween, launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, freePort, instance, startWeb, startWorker, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;

beforeAll(async () => {
  db = await createTestDatabase('editor_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  web = await startWeb(port, env);
  worker = startWorker(env);
  url = `http://127.0.0.1:${port}`;
  browser = await launchBrowser();
  page = tolerateLoad(await browser.newPage({ viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

const EMAIL = 'ada@colo.test';
const PASSWORD = 'correct horse battery';

async function nodeIds(): Promise<string[]> {
  return page.locator('[data-testid^="node-"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-testid') as string).filter((id) => !id.startsWith('node-state-')),
  );
}

/** Drags a palette class onto the canvas at (x, y) and returns the new appliance's name. */
async function dropClass(classId: string, x: number, y: number): Promise<string> {
  const before = new Set(await nodeIds());
  const canvas = page.locator('.react-flow__pane');
  await page.getByTestId(`palette-item-${classId}`).dragTo(canvas, { targetPosition: { x, y } });
  const added = await waitFor(`a ${classId} node on the canvas`, async () => {
    const now = await nodeIds();
    return now.find((id) => !before.has(id));
  }, 10_000, 100);
  return added.replace(/^node-/, '');
}

async function edgeCount(): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

/** Presses Deploy in the plan dialog; if it cannot, fails with what the dialog says instead. */
async function confirmPlan(): Promise<void> {
  try {
    await page.getByTestId('plan-confirm').click();
  } catch (err) {
    await screenshot(page, 'editor-plan-confirm-failed').catch(() => undefined);
    const dialog = await page.getByTestId('plan-dialog').textContent({ timeout: 1000 }).catch(() => '(no plan dialog)');
    throw new Error(`could not press Deploy in the plan dialog; it says: ${dialog}\n${(err as Error).message}`);
  }
}

it('draws, saves and deploys a VDC that then serves traffic from both web replicas', async () => {
  // First run: no user exists, so Colo asks for the admin.
  await page.goto(url);
  await page.waitForURL(/\/setup/);
  // The form is live once its button is enabled (it stays disabled until the page's script runs).
  await page.waitForSelector('[data-testid="setup-form"] button[type="submit"]:not([disabled])');
  await page.fill('input[name="name"]', 'Ada');
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await page.fill('input[name="confirm"]', PASSWORD);
  await page.getByTestId('setup-form').locator('button[type="submit"]').click();
  await page.waitForURL(/\/vdcs/);

  // Sign out and back in.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
  await page.waitForSelector('[data-testid="login-form"] button[type="submit"]:not([disabled])');
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await page.getByTestId('login-form').locator('button[type="submit"]').click();
  // Signed in, the overview comes first; with no VDC yet it points at the list.
  await page.waitForURL(/\/overview$/);
  await page.getByRole('main').getByRole('link', { name: 'Create one' }).click();
  await page.waitForURL(/\/vdcs$/);

  // Create a VDC; the editor opens.
  await page.getByTestId('create-first-vdc').click();
  await page.getByTestId('create-vdc-name').fill('shop');
  await page.getByTestId('create-vdc-submit').click();
  await page.waitForURL(/\/vdcs\/shop/);
  await page.locator('.react-flow__pane').waitFor();

  const lb = await dropClass('halb', 40, 200);
  const webApp = await dropClass('web-php', 310, 200);
  const nas = await dropClass('nas', 590, 90);
  const pg = await dropClass('postgres', 590, 330);

  // web: 2 replicas; lb: publish its `in` terminal on a free host port.
  await page.getByTestId(`node-${webApp}`).click();
  await page.getByTestId('inspector-replicas').fill('2');
  await page.getByTestId('inspector-replicas').press('Tab');
  const lbPort = await freePort();
  await page.getByTestId(`node-${lb}`).click();
  await page.getByTestId('inspector-expose-in').check();
  await page.getByTestId('inspector-port-in').fill(String(lbPort));
  await page.getByTestId('inspector-port-in').press('Tab');

  // Wire by dragging from output handles to input handles.
  await dragBetween(page, `[data-testid="handle-${lb}-out-out"]`, `[data-testid="handle-${webApp}-in-in"]`);
  await dragBetween(page, `[data-testid="handle-${webApp}-out-db"]`, `[data-testid="handle-${pg}-in-in"]`);
  await dragBetween(page, `[data-testid="handle-${webApp}-out-fs"]`, `[data-testid="handle-${nas}-in-fs"]`);
  await waitFor('three wires', async () => (await edgeCount()) === 3, 5000, 100);

  // An invalid wire is refused: an http output cannot feed a pgsql input.
  await dragBetween(page, `[data-testid="handle-${lb}-out-out"]`, `[data-testid="handle-${pg}-in-in"]`);
  await page.waitForTimeout(300);
  expect(await edgeCount()).toBe(3);

  await page.getByTestId('fit-button').click();
  await screenshot(page, 'editor-before-deploy');

  // Save, then Deploy at once, while the save is still on its way: Deploy waits for that save
  // (it once did nothing at all when a save was in flight), and the plan comes first.
  // The save's PUT is held back 2 s, so Deploy is surely pressed while it is in flight.
  await page.route('**/api/v1/vdcs/shop', async (route) => {
    if (route.request().method() === 'PUT') await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.getByTestId('save-button').click();
  await page.getByTestId('deploy-button').click();
  const plan = page.getByTestId('plan-dialog');
  await plan.waitFor(); // the plan reads Docker: slow while other suites load the engine
  expect(await page.getByTestId('save-state').textContent()).toBe('All changes saved');
  await page.unroute('**/api/v1/vdcs/shop');
  await expect.poll(async () => (await plan.textContent()) ?? '', { timeout: 20_000 }).toMatch(/create/i);
  await confirmPlan();

  await expect
    .poll(async () => (await page.getByTestId('operation-status').first().textContent())?.trim().toLowerCase(), { timeout: 240_000, interval: 1000 })
    .toBe('succeeded');
  for (const name of [lb, webApp, nas, pg]) {
    await expect.poll(async () => (await page.getByTestId(`node-state-${name}`).textContent())?.trim(), { timeout: 60_000 }).toBe('healthy');
  }
  await page.getByTestId('fit-button').click();
  await page.getByTestId(`node-${webApp}`).click();
  await screenshot(page, 'editor-after-deploy');

  // Outside the browser: the load balancer on 127.0.0.1 spreads requests over both replicas.
  const hosts = await waitFor('both web replicas behind the LB', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`http://127.0.0.1:${lbPort}/`, { headers: { connection: 'close' } });
      await res.arrayBuffer();
      if (res.ok && res.headers.get('x-colo-host')) seen.add(res.headers.get('x-colo-host') as string);
    }
    return seen.size === 2 ? seen : undefined;
  }, 60_000, 1000);
  expect([...hosts].sort()).toEqual([`${webApp}-1`, `${webApp}-2`]);
});
