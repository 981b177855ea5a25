// The editor's layout and its small rough edges, in real Chromium: at 1024×700 the palette and
// the inspector fold so the canvas keeps most of the window (and the folds are remembered across
// a reload), at 1440×900 they show; the minimap never sits over a box; pasted copies land offset
// and selected; a stopped VDC says so over the canvas and starts from there (checked in Docker);
// Destroy is refused for a VDC never deployed; the `*` of a mandatory output is explained; and
// the favicon answers. Screenshot of the small layout: test-artifacts/editor-1024x700.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { seriousViolations } from './axe';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, freePort, instance, type Service, startWeb, startWorker, vdcContainers, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let url: string;
let cookie: string;

// Never deployed: the layout is measured on it, and its Destroy is refused.
const DRAWING = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'layout',
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 2 },
    { name: 'files', class: 'nas' },
    { name: 'db', class: 'postgres' },
  ],
  connections: [
    { from: 'lb.out', to: 'web.in' },
    { from: 'web.fs', to: 'files.fs' },
    { from: 'web.db', to: 'db.in' },
  ],
  visual: { lb: { x: 0, y: 80 }, web: { x: 320, y: 80 }, files: { x: 640, y: 0 }, db: { x: 640, y: 200 } },
};
const IDLE = 'idle';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Starts an operation and waits for it to end; fails with its error if it did not succeed. */
async function operate(vdc: string, action: 'deploy' | 'stop'): Promise<void> {
  const started = await call('POST', `/vdcs/${vdc}/${action}`, {});
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  const id = started.json.operation.id as string;
  const op = await waitFor(`the ${action} of ${vdc}`, async () => {
    const now = (await call('GET', `/operations/${id}`)).json.operation;
    return now.status === 'succeeded' || now.status === 'failed' ? now : undefined;
  }, 300_000, 1000);
  expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
}

const vdcState = async (vdc: string) => (await call('GET', `/vdcs/${vdc}/status`)).json.vdc.state as string;

async function signedIn(width: number, height: number): Promise<BrowserContext> {
  const context = tolerateLoad(await browser.newContext({ viewport: { width, height } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  return context;
}

async function openEditor(context: BrowserContext, vdc = DRAWING.name): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/vdcs/${vdc}`);
  await page.locator('.react-flow__node').first().waitFor();
  return page;
}

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The canvas (React Flow's pane) takes this share of the window's width, height and area. */
async function canvasShare(page: Page) {
  const box = await boxOf(page.locator('.react-flow'));
  const view = page.viewportSize() ?? { width: 1, height: 1 };
  return { width: box.width / view.width, height: box.height / view.height, area: (box.width * box.height) / (view.width * view.height) };
}

/** Every box fully inside the canvas and clear of the minimap, once the opening fit has run. */
async function expectMinimapClearOfNodes(page: Page): Promise<Box> {
  const minimap = await boxOf(page.locator('.react-flow__minimap'));
  const canvas = await boxOf(page.locator('.react-flow'));
  const nodes = page.locator('.react-flow__node');
  await expect.poll(() => nodes.count()).toBe(DRAWING.appliances.length);
  for (const node of await nodes.all()) {
    const box = await boxOf(node);
    expect(overlaps(box, minimap), `${await node.getAttribute('data-id')} is under the minimap`).toBe(false);
    expect(box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height).toBe(true);
  }
  return minimap;
}

beforeAll(async () => {
  db = await createTestDatabase('editor_layout_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  worker = startWorker(env);
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'lin@colo.test', name: 'Lin', password: 'a long enough password' }),
  });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/vdcs', { manifest: DRAWING })).status).toBe(201);
  const idle = { apiVersion: 'colo/v1', kind: 'VDC', name: IDLE, appliances: [{ name: 'site', class: 'web-static' }] };
  expect((await call('POST', '/vdcs', { manifest: idle })).status).toBe(201);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('the editor on a small screen and a large one', () => {
  it('at 1024×700 folds palette and inspector for the canvas, and remembers the user’s toggles across a reload', async () => {
    const context = await signedIn(1024, 700);
    const page = await openEditor(context);
    await page.getByTestId('palette-rail').waitFor();
    await page.getByTestId('inspector-rail').waitFor();
    expect(await page.getByTestId('inspector').count()).toBe(0);
    expect(await page.getByRole('complementary', { name: 'Palette' }).count()).toBe(0);

    await screenshot(page, 'editor-1024x700');
    const share = await canvasShare(page);
    expect(share.width).toBeGreaterThan(0.9);
    expect(share.height).toBeGreaterThan(0.55);
    expect(share.area).toBeGreaterThan(0.5);
    // The toolbar keeps the VDC's name and every action on screen (its page links shrink to icons).
    const title = await boxOf(page.getByRole('heading', { name: DRAWING.name }));
    expect(await page.getByRole('heading', { name: DRAWING.name }).evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
    expect(title.width).toBeGreaterThan(20);
    for (const id of ['save-button', 'deploy-button', 'lifecycle-destroy', 'fit-button', 'history-link', 'export-bundle-link']) {
      const box = await boxOf(page.getByTestId(id));
      expect(box.x >= 0 && box.x + box.width <= 1024, `${id} is off screen`).toBe(true);
    }
    // A smaller minimap than on a large screen, and not over any box.
    const minimap = await expectMinimapClearOfNodes(page);
    expect(minimap.width).toBeLessThan(150);
    // The mandatory output's `*` is explained, on the canvas and on the star itself.
    expect(await page.getByTestId('canvas-legend').textContent()).toMatch(/\* ?mandatory output: wire it before deploy/);
    expect(await page.locator('[title="mandatory output: wire it before deploy"]').count()).toBeGreaterThan(0);
    // The folded layout (rails, legend, the icon-only toolbar) passes axe-core like the rest.
    expect(await seriousViolations(page)).toEqual([]);

    // Unfold the palette: it is there, and still there after a reload (the inspector stays folded).
    await page.getByTestId('palette-toggle').click();
    await page.getByTestId('palette-item-nas').waitFor();
    await page.getByTestId('inspector-rail').getByRole('button', { name: 'Show inspector' }).click();
    await page.getByTestId('node-web').click();
    await expect.poll(() => page.getByTestId('inspector-replicas').inputValue()).toBe('2');
    await page.getByTestId('inspector-toggle').click();
    await page.getByTestId('inspector-rail').waitFor();
    // The folded inspector still names what it would show.
    expect(await page.getByTestId('inspector-rail').textContent()).toContain('web');
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByTestId('palette-item-nas').waitFor();
    expect(await page.getByTestId('inspector-rail').count()).toBe(1);
    expect(await page.getByTestId('inspector').count()).toBe(0);

    // Fold it again: remembered too.
    await page.getByTestId('palette-toggle').click();
    await page.getByTestId('palette-rail').waitFor();
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await page.getByTestId('palette-rail').count()).toBe(1);
    expect((await canvasShare(page)).width).toBeGreaterThan(0.9);

    // The keyboard folds and unfolds them too (Shift+P, Shift+I).
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+P');
    await page.getByTestId('palette-item-nas').waitFor();
    await page.keyboard.press('Shift+I');
    await page.getByTestId('inspector').waitFor();
    await page.keyboard.press('Shift+P');
    await page.keyboard.press('Shift+I');
    await page.getByTestId('palette-rail').waitFor();
    await page.getByTestId('inspector-rail').waitFor();
    await context.close();
  });

  it('at 1440×900 shows both panels, the full minimap clear of the boxes, and folding gives the canvas the width', async () => {
    const context = await signedIn(1440, 900);
    const page = await openEditor(context);
    await page.getByTestId('inspector').waitFor();
    await page.getByTestId('palette-item-nas').waitFor();
    const share = await canvasShare(page);
    expect(share.width).toBeGreaterThan(0.6);
    expect(share.height).toBeGreaterThan(0.6);
    const minimap = await expectMinimapClearOfNodes(page);
    expect(minimap.width).toBeGreaterThan(150);
    await screenshot(page, 'editor-1440x900');

    // Folding the palette leaves the drawing where it was on the screen.
    const before = await boxOf(page.getByTestId('node-lb'));
    await page.getByTestId('palette-toggle').click();
    await page.getByTestId('inspector-toggle').click();
    await page.getByTestId('inspector-rail').waitFor();
    expect((await canvasShare(page)).width).toBeGreaterThan(0.9);
    await expect.poll(async () => Math.abs((await boxOf(page.getByTestId('node-lb'))).x - before.x)).toBeLessThan(2);
    await context.close();
  });

  it('pastes copies offset from the original and from earlier pastes, selected instead of the original', async () => {
    const context = await signedIn(1440, 900);
    const page = await openEditor(context);
    const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
    await page.getByTestId('node-lb').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node('lb-2').waitFor();
    await page.keyboard.press('Control+v');
    await node('lb-3').waitFor();

    const [lb, first, second] = await Promise.all(['lb', 'lb-2', 'lb-3'].map((id) => boxOf(node(id))));
    const zoom = await page.evaluate(() => {
      const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);
    });
    // 40 drawing units right and down per paste, from the original.
    expect((first.x - lb.x) / zoom).toBeCloseTo(40, 0);
    expect((first.y - lb.y) / zoom).toBeCloseTo(40, 0);
    expect((second.x - lb.x) / zoom).toBeCloseTo(80, 0);
    expect((second.y - lb.y) / zoom).toBeCloseTo(80, 0);
    // The last paste alone is selected.
    expect(await node('lb-3').getAttribute('class')).toMatch(/\bselected\b/);
    expect(await node('lb-2').getAttribute('class')).not.toMatch(/\bselected\b/);
    expect(await node('lb').getAttribute('class')).not.toMatch(/\bselected\b/);
    await context.close();
  });

  it('refuses Destroy for a VDC never deployed, saying why', async () => {
    const context = await signedIn(1440, 900);
    const page = await openEditor(context);
    const reason = page.getByTestId('lifecycle-destroy-reason');
    await expect.poll(() => reason.getAttribute('title')).toMatch(/never deployed: there is nothing to destroy/);
    expect(await page.getByTestId('lifecycle-destroy').isDisabled()).toBe(true);
    await context.close();
  });

  it('shows a stopped VDC as stopped over the canvas, and its Start brings the containers back', async () => {
    await operate(IDLE, 'deploy');
    await operate(IDLE, 'stop');
    expect(await vdcState(IDLE)).toBe('stopped');
    const id = (await call('GET', `/vdcs/${IDLE}`)).json.vdc.id as string;
    expect((await vdcContainers(id)).every((c) => c.State !== 'running')).toBe(true);

    const context = await signedIn(1024, 700);
    const page = await openEditor(context, IDLE);
    const banner = page.getByTestId('stopped-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/idle is stopped/);
    expect(await seriousViolations(page)).toEqual([]);
    // Deployed once, so Destroy is offered (the stopped VDC can be torn down).
    await expect.poll(() => page.getByTestId('lifecycle-destroy').isEnabled()).toBe(true);

    await page.getByTestId('stopped-banner-start').click();
    await waitFor('the VDC to run again', async () => (await vdcState(IDLE)) === 'running', 180_000, 1000);
    await banner.waitFor({ state: 'detached' });
    const containers = await vdcContainers(id);
    expect(containers.length).toBeGreaterThan(0);
    expect(containers.every((c) => c.State === 'running')).toBe(true);
    await context.close();
  }, 600_000);

  it('answers /favicon.ico and the icon every page links', async () => {
    const ico = await fetch(`${url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect(bytes.readUInt16LE(2)).toBe(1); // an icon resource

    const context = await signedIn(1024, 700);
    const page = await context.newPage();
    await page.goto(`${url}/vdcs`);
    const links = await page.locator('link[rel~="icon"]').evaluateAll((els) => els.map((e) => (e as HTMLLinkElement).href));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect((await fetch(href)).status, href).toBe(200);
    await context.close();
  });
});
