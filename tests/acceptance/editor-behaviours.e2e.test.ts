// Editor behaviours users rely on, in real Chromium: undo/redo, the YAML tab round-tripping to
// the canvas (and keeping broken text), and two people saving the same VDC — the stale save is
// refused with a choice, and nothing is silently lost. Checked against the API, outside the page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, tolerateLoad } from './browser';
import { type Service, baseEnv, freePort, startWeb } from './harness';

let db: TestDatabase;
let web: Service;
let browser: Browser;
let url: string;
let cookie: string;

const START = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'beh',
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 2 },
  ],
  connections: [{ from: 'lb.out', to: 'web.in' }],
  visual: { lb: { x: 0, y: 0 }, web: { x: 320, y: 0 } },
};

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function savedManifest() {
  const res = await call('GET', '/vdcs/beh');
  expect(res.status).toBe(200);
  return res.json.revision as { number: number; manifest: typeof START };
}

async function openEditor(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/vdcs/beh`);
  await page.getByTestId('node-web').waitFor();
  return page;
}

async function signedInContext(): Promise<BrowserContext> {
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  return context;
}

const nodeCount = (page: Page) => page.locator('.react-flow__node').count();

async function setReplicas(page: Page, appliance: string, n: number) {
  await page.getByTestId(`node-${appliance}`).click();
  await page.getByTestId('inspector-replicas').fill(String(n));
  await page.getByTestId('inspector-replicas').press('Tab');
}

async function save(page: Page) {
  await page.getByTestId('save-button').click();
}

beforeAll(async () => {
  db = await createTestDatabase('editor_behaviours');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'bob@colo.test', name: 'Bob', password: 'a long enough password' }),
  });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/vdcs', { manifest: START })).status).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await db?.drop();
});

describe('editor', () => {
  it('undoes and redoes adding a box, from the keyboard and the toolbar', async () => {
    const context = await signedInContext();
    const page = await openEditor(context);
    expect(await nodeCount(page)).toBe(2);
    await page.getByTestId('palette-item-nas').click(); // click-to-add
    await expect.poll(() => nodeCount(page)).toBe(3);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page)).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeCount(page)).toBe(3);
    await page.getByTestId('undo-button').click();
    await expect.poll(() => nodeCount(page)).toBe(2);
    await page.getByTestId('redo-button').click();
    await expect.poll(() => nodeCount(page)).toBe(3);
    await page.getByTestId('undo-button').click();
    await expect.poll(() => nodeCount(page)).toBe(2);
    await context.close();
  });

  it('round-trips canvas → YAML → canvas, and keeps broken YAML without touching the canvas', async () => {
    const context = await signedInContext();
    const page = await openEditor(context);
    await page.getByTestId('yaml-tab').click();
    // The YAML tab is a code editor (CodeMirror): its text is read from its lines.
    const editor = page.getByTestId('yaml-editor');
    const shown = parse(await editor.innerText());
    const { manifest } = await savedManifest();
    expect(shown.appliances).toEqual(manifest.appliances);
    expect(shown.connections).toEqual(manifest.connections);

    // Edit replicas in the YAML: the canvas follows.
    const edited = (await editor.innerText()).replace(/replicas: 2/, 'replicas: 4');
    await editor.fill(edited);
    await page.getByTestId('node-web').click();
    await expect.poll(() => page.getByTestId('inspector-replicas').inputValue()).toBe('4');

    // Broken YAML is reported and kept across tab switches; the canvas keeps its last good state.
    await page.getByTestId('yaml-tab').click();
    await editor.fill('appliances: [ {name: web, class: web-php\n');
    await page.getByTestId('yaml-errors').waitFor();
    await page.getByTestId('problems-tab').click();
    await page.getByTestId('yaml-tab').click();
    expect((await editor.innerText()).trimEnd()).toBe('appliances: [ {name: web, class: web-php');
    expect(await nodeCount(page)).toBe(2);

    // Saving the good canvas stores what the YAML said before it broke.
    await page.getByTestId('yaml-errors').getByRole('button', { name: 'Replace with the canvas' }).click();
    await save(page);
    await expect.poll(async () => (await savedManifest()).manifest.appliances.find((a) => a.name === 'web')?.replicas, { timeout: 10_000 }).toBe(4);
    await context.close();
  });

  it('refuses a stale save with a choice, and overwriting keeps the second person’s change', async () => {
    const alice = await signedInContext();
    const bob = await signedInContext();
    const a = await openEditor(alice);
    const b = await openEditor(bob);
    const base = (await savedManifest()).number;

    await setReplicas(a, 'web', 3);
    await save(a);
    await expect.poll(async () => (await savedManifest()).number, { timeout: 10_000 }).toBe(base + 1);

    await setReplicas(b, 'web', 5);
    await save(b);
    const dialog = b.getByTestId('stale-save-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(new RegExp(String(base + 1)));
    // Nothing was written by the stale save.
    expect((await savedManifest()).number).toBe(base + 1);

    await b.getByTestId('stale-overwrite').click();
    await expect.poll(async () => (await savedManifest()).number, { timeout: 10_000 }).toBe(base + 2);
    const after = await savedManifest();
    expect(after.manifest.appliances.find((x) => x.name === 'web')?.replicas).toBe(5);
    await alice.close();
    await bob.close();
  });
});
