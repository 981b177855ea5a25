// The VDC list with many VDCs, in real Chromium against a real Colo (no worker: an operation asked
// for stays queued, which is all the list needs to show): search, the state filter that hides
// destroyed VDCs and says how many, the sort, all kept in the address; the row menu by keyboard
// and by state; Deploy from it queuing a deploy; Rename from the list and from the editor;
// Duplicate and the create dialog checking the name as typed, suggesting one from the assembly,
// and moving a published port another VDC holds to the free one offered.
import { getPrisma } from '@colo/db';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, freePort, startWeb } from './harness';

let db: TestDatabase;
let web: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
/** A stock assembly whose published port was free, and that port, which `shop` then publishes. */
let assembly: { id: string; name: string; port: number };

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
}

const vdc = (name: string, extra: Record<string, unknown> = {}, expose?: number) => ({
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name,
  ...extra,
  appliances: [{ name: 'web', class: 'web-static', ...(expose ? { expose: [{ terminal: 'in', port: expose }] } : {}) }],
  visual: { web: { x: 0, y: 0 } },
});

async function setState(name: string, state: 'running' | 'stopped' | 'destroyed') {
  await getPrisma().vdc.updateMany({ where: { name }, data: { state } });
}

const rowNames = () => page.locator('[data-testid^="vdc-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')?.slice('vdc-row-'.length)));
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

async function openList(query = '') {
  await page.goto(`${url}/vdcs${query}`);
  await page.getByTestId('vdc-table').waitFor();
}

beforeAll(async () => {
  db = await createTestDatabase('vdc_list_e2e');
  process.env.DATABASE_URL = db.url;
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await call('POST', '/auth/setup', { email: 'lin@colo.test', name: 'Lin', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await getPrisma().$disconnect();
  await db?.drop();
});

describe('the VDC list', () => {
  it('seeds VDCs through the API', async () => {
    // A stock assembly whose port nothing holds now: `shop` takes it, so the create dialog must warn.
    const { json: catalog } = await call('GET', '/catalog');
    for (const a of catalog.assemblies as { id: string; manifest: string }[]) {
      const port = Number(/port:\s*(\d+)/.exec(a.manifest)?.[1]);
      const name = /^name:\s*(\S+)/m.exec(a.manifest)?.[1];
      if (!port || !name) continue;
      const { json } = await call('GET', `/ports?near=${port}`);
      if (json.near[0].problem) continue;
      assembly = { id: a.id, name, port };
      break;
    }
    expect(assembly).toBeDefined();
    expect((await call('POST', '/vdcs', { manifest: vdc('shop', { description: 'The LAMP web shop' }, assembly.port) })).status).toBe(201);
    for (const name of ['blog', 'wiki', 'live', 'paused', 'old-site']) expect((await call('POST', '/vdcs', { manifest: vdc(name) })).status).toBe(201);
    await setState('live', 'running');
    await setState('paused', 'stopped');
    await setState('old-site', 'destroyed');
    // The newest change: first when sorted by last change.
    await getPrisma().$executeRaw`UPDATE "Vdc" SET "updatedAt" = now() + interval '1 hour' WHERE "name" = 'wiki'`;

    browser = await launchBrowser();
    context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url }]);
    page = await context.newPage();
  });

  it('hides destroyed VDCs with a count, searches names and descriptions, sorts, and keeps all three in the address', async () => {
    await openList();
    expect(await rowNames()).toEqual(['blog', 'live', 'paused', 'shop', 'wiki']);
    await expect.poll(() => page.getByTestId('vdc-hidden-count').textContent()).toContain('1 destroyed hidden');

    await page.getByTestId('vdc-search').fill('lamp');
    await expect.poll(rowNames).toEqual(['shop']);
    await expect.poll(() => new URL(page.url()).search).toBe('?q=lamp');
    await page.getByTestId('vdc-search').fill('site');
    await expect.poll(() => page.getByTestId('vdc-no-match').isVisible()).toBe(true);
    await page.getByTestId('vdc-hidden-count').getByRole('button', { name: 'Show' }).click();
    await expect.poll(rowNames).toEqual(['old-site']);

    await page.getByTestId('vdc-search').fill('');
    await page.getByTestId('vdc-sort').selectOption('changed');
    await expect.poll(async () => (await rowNames())[0]).toBe('wiki');
    await expect.poll(() => new URL(page.url()).search).toBe('?state=all&sort=changed');
    // A reload (or a shared link) shows the same list.
    await page.reload();
    await page.getByTestId('vdc-table').waitFor();
    expect((await rowNames())[0]).toBe('wiki');
    expect(await rowNames()).toContain('old-site');
    expect(await page.getByTestId('vdc-sort').inputValue()).toBe('changed');
    await page.getByTestId('vdc-sort').selectOption('state');
    await expect.poll(rowNames).toEqual(['live', 'paused', 'blog', 'shop', 'wiki', 'old-site']);
  });

  it('moves through the row menu with the arrow keys, Home and End; Escape closes it back on its button', async () => {
    await openList();
    await page.getByTestId('vdc-actions-live').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('vdc-menu-live').waitFor();
    expect(await focusedTestId()).toBe('vdc-menu-open');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('vdc-menu-deploy');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('vdc-menu-stop');
    await page.keyboard.press('End');
    expect(await focusedTestId()).toBe('vdc-menu-delete');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('vdc-menu-open');
    await page.keyboard.press('ArrowUp');
    expect(await focusedTestId()).toBe('vdc-menu-delete');
    await page.keyboard.press('Home');
    expect(await focusedTestId()).toBe('vdc-menu-open');
    await screenshot(page, 'vdc-list-row-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('vdc-menu-live').count()).toBe(0);
    expect(await focusedTestId()).toBe('vdc-actions-live');

    // What the menu offers follows the state: Stop when running, Start when stopped, neither when never deployed.
    const items = async (name: string) => {
      await page.getByTestId(`vdc-actions-${name}`).click();
      const menu = page.getByTestId(`vdc-menu-${name}`);
      const ids = await menu.locator('[role="menuitem"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice('vdc-menu-'.length)));
      await page.keyboard.press('Escape');
      return ids;
    };
    expect(await items('live')).toEqual(['open', 'deploy', 'stop', 'duplicate', 'export', 'rename', 'delete']);
    expect(await items('paused')).toEqual(['open', 'deploy', 'start', 'duplicate', 'export', 'rename', 'delete']);
    expect(await items('blog')).toEqual(['open', 'deploy', 'duplicate', 'export', 'rename', 'delete']);
    // The user menu in the top bar uses the same hook.
    await page.getByTestId('user-menu').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('Escape');
    expect(await focusedTestId()).toBe('user-menu');
  });

  it('deploys from the menu: a deploy operation is queued for that VDC', async () => {
    await page.getByTestId('vdc-actions-blog').click();
    await page.getByTestId('vdc-menu-deploy').click();
    await page.getByTestId('vdc-lifecycle-dialog').getByTestId('confirm-button').click();
    await expect.poll(() => page.getByTestId('vdc-lifecycle-dialog').isVisible()).toBe(false);
    const { json } = await call('GET', '/vdcs/blog/operations');
    expect(json.operations.map((o: { kind: string; status: string }) => `${o.kind} ${o.status}`)).toEqual(['deploy queued']);
    // The row shows it, and its lifecycle items wait for it.
    await expect.poll(() => page.getByTestId('vdc-row-blog').textContent()).toContain('queued');
    await page.getByTestId('vdc-actions-blog').click();
    expect(await page.getByTestId('vdc-menu-deploy').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('renames from the menu, refusing a taken name as it is typed', async () => {
    await page.getByTestId('vdc-actions-wiki').click();
    await page.getByTestId('vdc-menu-rename').click();
    const field = page.getByTestId('rename-vdc-name');
    await field.fill('shop');
    await expect.poll(() => page.getByTestId('rename-vdc-dialog').textContent()).toContain('You already have a VDC named "shop".');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('rename-vdc-submit').isDisabled()).toBe(true);
    await field.fill('notes');
    await page.getByTestId('rename-vdc-submit').click();
    await page.getByTestId('vdc-row-notes').waitFor();
    expect((await call('GET', '/vdcs/notes')).status).toBe(200);
    expect((await call('GET', '/vdcs/wiki')).status).toBe(404);
  });

  it('duplicates a VDC under a free name, moving its published port to the free one offered', async () => {
    await page.getByTestId('vdc-actions-shop').click();
    await page.getByTestId('vdc-menu-duplicate').click();
    const dialog = page.getByTestId('create-vdc-dialog');
    expect(await page.getByTestId('create-vdc-name').inputValue()).toBe('shop-copy');
    const warning = dialog.getByTestId('create-vdc-port-warning');
    await expect.poll(() => warning.textContent()).toContain(`host port ${assembly.port} is already used by VDC "shop"`);
    const offer = warning.locator('[data-testid^="use-port-"]');
    const free = Number((await offer.getAttribute('data-testid'))?.slice('use-port-'.length));
    expect(free).toBeGreaterThan(assembly.port);
    await offer.click();
    await expect.poll(() => warning.count()).toBe(0);
    await page.getByTestId('create-vdc-submit').click();
    await page.waitForURL(`${url}/vdcs/shop-copy`);
    const { json } = await call('GET', '/vdcs/shop-copy');
    expect(json.revision.manifest.appliances[0].expose).toEqual([{ terminal: 'in', port: free }]);
    expect(json.revision.manifest.description).toBe('The LAMP web shop');
  });

  it("creates from an assembly: the name follows the assembly and is checked as typed; a port another VDC holds is offered a free one", async () => {
    await openList();
    await page.getByTestId('create-vdc').click();
    const dialog = page.getByTestId('create-vdc-dialog');
    const name = page.getByTestId('create-vdc-name');
    expect(await name.inputValue()).toBe('');
    await dialog.locator(`input[name="from"][value="${assembly.id}"]`).check();
    await expect.poll(() => name.inputValue()).toBe(assembly.name);
    const warning = dialog.getByTestId('create-vdc-port-warning');
    await expect.poll(() => warning.textContent()).toContain(`host port ${assembly.port} is already used by VDC "shop"`);
    await screenshot(page, 'vdc-create-port-taken');

    await name.fill('shop');
    await expect.poll(() => dialog.textContent()).toContain('You already have a VDC named "shop".');
    expect(await page.getByTestId('create-vdc-submit').isDisabled()).toBe(true);
    await name.fill('Bad_Name');
    await expect.poll(() => dialog.textContent()).toContain('Lowercase letters, digits and dashes');
    expect(await page.getByTestId('create-vdc-submit').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('renames from the editor toolbar, and the editor opens under the new name', async () => {
    // notes (wiki before): blog has a deploy queued, and a rename waits for operations.
    await page.goto(`${url}/vdcs/notes`);
    await page.getByTestId('node-web').waitFor();
    await page.getByTestId('rename-vdc-button').click();
    await page.getByTestId('rename-vdc-name').fill('journal');
    await page.getByTestId('rename-vdc-submit').click();
    await page.waitForURL(`${url}/vdcs/journal`);
    await page.getByTestId('node-web').waitFor();
    expect((await call('GET', '/vdcs/journal')).json.vdc.name).toBe('journal');
  });
});
