// Assemblies as one box, end to end in real Chromium: open a VDC, select its load balancer and
// web server, "Save as assembly" (the selection becomes one box wired to what stays outside),
// then in a NEW VDC drop the assembly from the palette as one box, publish its boundary input
// on a free port, deploy, and — outside the browser — HTTP on 127.0.0.1 reaches the web server
// inside the box through its load balancer. The interior opens read-only from the box; "Edit a
// copy" of it saved under the same id is version 2, and the box's inspector upgrades to it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, freePort, instance, startWeb, startWorker, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;
let cookie: string;

const SOURCE = 'asm-source';
const TARGET = 'asm-target';
const ASSEMBLY = 'web-tier';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  db = await createTestDatabase('assemblies_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  web = await startWeb(port, env);
  worker = startWorker(env);
  url = `http://127.0.0.1:${port}`;
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'grace@colo.test', name: 'Grace', password: 'a long enough password' }),
  });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  // The drawing to take a part of: lb → web, and web's share on a NAS that stays outside.
  const created = await call('POST', '/vdcs', {
    manifest: {
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: SOURCE,
      appliances: [
        { name: 'lb', class: 'halb' },
        { name: 'web', class: 'web-static' },
        { name: 'files', class: 'nas' },
      ],
      connections: [
        { from: 'lb.out', to: 'web.in' },
        { from: 'web.fs', to: 'files.fs' },
      ],
      visual: { lb: { x: 0, y: 80 }, web: { x: 320, y: 80 }, files: { x: 640, y: 80 } },
    },
  });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
});

afterAll(async () => {
  // Destroy what was deployed through the API too, so nothing keeps running if cleanup races.
  if (cookie) await call('POST', `/vdcs/${TARGET}/destroy`, {}).catch(() => undefined);
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

/** Waits for `testId`; on failure says what the page shows instead (and keeps a screenshot). */
async function see(testId: string, name: string): Promise<void> {
  try {
    await page.getByTestId(testId).waitFor({ timeout: 60_000 });
  } catch (err) {
    await screenshot(page, `assemblies-${name}`).catch(() => undefined);
    const text = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`${testId} never appeared; the page says:\n${text.slice(0, 1500)}\n${(err as Error).message}`);
  }
}

const edgeCount = () => page.locator('.react-flow__edge').count();

it('saves part of a drawing as an assembly, drops it as one box in a new VDC, and the deployed box serves HTTP', async () => {
  // 1. Select lb and web in the source VDC and save them as an assembly.
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${url}/vdcs/${SOURCE}`);
  await see('node-lb', 'source-open');
  await page.getByTestId('node-lb').click();
  await page.getByTestId('node-web').click({ modifiers: ['Control'] });
  await page.getByTestId('save-assembly-button').click();
  const dialog = page.getByTestId('save-assembly-dialog');
  await dialog.waitFor();
  // web.fs goes to the NAS outside: offered and ticked; lb.in is loose: offered, not ticked.
  expect(await page.getByTestId('save-assembly-terminal-web-fs').isChecked()).toBe(true);
  expect(await page.getByTestId('save-assembly-terminal-lb-in').isChecked()).toBe(false);
  expect(await page.getByTestId('save-assembly-terminal-web-in').count()).toBe(0); // wired inside
  // A class id is refused as the assembly's id, live.
  await page.getByTestId('save-assembly-id').fill('halb');
  await expect.poll(async () => page.getByTestId('save-assembly-submit').isDisabled()).toBe(true);
  await page.getByTestId('save-assembly-id').fill(ASSEMBLY);
  await page.getByTestId('save-assembly-title').fill('Web tier');
  await page.getByTestId('save-assembly-terminal-lb-in').check();
  await page.getByTestId('save-assembly-terminal-name-lb-in').fill('http');
  await page.getByTestId('save-assembly-property-web-cacheSeconds').check();
  expect(await page.getByTestId('save-assembly-replace').isChecked()).toBe(true);
  await page.getByTestId('save-assembly-submit').click();

  // The selection became one box, wired to the NAS through its boundary terminal.
  await page.getByTestId(`node-box-${ASSEMBLY}`).waitFor();
  expect(await page.getByTestId('node-lb').count()).toBe(0);
  expect(await page.getByTestId('node-web').count()).toBe(0);
  await page.getByTestId(`handle-${ASSEMBLY}-out-fs`).waitFor();
  await page.getByTestId(`handle-${ASSEMBLY}-in-http`).waitFor();
  await waitFor('the box wired to the NAS', async () => (await edgeCount()) === 1, 5000, 100);
  await screenshot(page, 'assemblies-replaced');

  // The server has it: version 1, the interior pinned, the boundary as chosen.
  const listed = await call('GET', '/assemblies');
  expect(listed.status).toBe(200);
  const saved = listed.json.assemblies.find((a: { id: string }) => a.id === ASSEMBLY);
  expect(saved).toMatchObject({ version: 1, title: 'Web tier', mine: true });
  expect(saved.definition.terminals).toEqual([
    { name: 'http', endpoint: 'lb.in' },
    { name: 'fs', endpoint: 'web.fs' },
  ]);
  expect(saved.definition.connections).toEqual([{ from: 'lb.out', to: 'web.in' }]);
  expect(saved.definition.properties).toEqual([{ name: 'cacheSeconds', target: 'web.cacheSeconds', label: 'cacheSeconds', default: 0 }]);

  // 2. A new VDC, made in the UI; the assembly is dropped from the palette as ONE box.
  await page.goto(`${url}/vdcs`);
  await page.getByTestId('create-vdc').click();
  await page.getByTestId('create-vdc-name').fill(TARGET);
  await page.getByTestId('create-vdc-submit').click();
  await page.waitForURL(new RegExp(`/vdcs/${TARGET}`));
  await page.locator('.react-flow__pane').waitFor();
  await page.getByTestId(`palette-box-${ASSEMBLY}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 80, y: 80 } });
  const box = page.getByTestId(`node-${ASSEMBLY}`);
  await box.waitFor();
  expect(await page.locator('.react-flow__node').count()).toBe(1);
  expect(await page.getByTestId(`node-box-${ASSEMBLY}`).textContent()).toContain('v1');

  // Open shows the interior read-only.
  await box.dblclick();
  const interior = page.getByTestId('assembly-interior');
  await interior.getByTestId('assembly-interior-canvas').locator('.react-flow__node').first().waitFor();
  expect(await interior.getByTestId('assembly-interior-canvas').locator('.react-flow__node').count()).toBe(2);
  await page.keyboard.press('Escape');
  await interior.waitFor({ state: 'hidden' });

  // Publish the box's boundary input on a free port; the inspector knows the assembly.
  await box.click();
  expect(await page.getByTestId('inspector-assembly-version').textContent()).toBe('1');
  expect(await page.getByTestId('inspector').textContent()).toContain('cacheSeconds'); // the exposed property, editable
  const port = await freePort();
  await page.getByTestId('inspector-expose-http').check();
  await page.getByTestId('inspector-port-http').fill(String(port));
  await page.getByTestId('inspector-port-http').press('Tab');

  // 3. Save and deploy.
  await page.getByTestId('save-button').click();
  await expect.poll(async () => page.getByTestId('save-state').textContent(), { timeout: 20_000 }).toBe('All changes saved');
  const revision = await call('GET', `/vdcs/${TARGET}`);
  expect(revision.json.revision.manifest.appliances).toEqual([
    { name: ASSEMBLY, class: `${ASSEMBLY}@1`, expose: [{ terminal: 'http', port }] },
  ]);
  await page.getByTestId('deploy-button').click();
  const plan = page.getByTestId('plan-dialog');
  await plan.waitFor();
  await expect.poll(async () => (await plan.textContent()) ?? '', { timeout: 30_000 }).toMatch(/create/i);
  await page.getByTestId('plan-confirm').click();
  await expect
    .poll(async () => (await page.getByTestId('operation-status').first().textContent())?.trim().toLowerCase(), { timeout: 240_000, interval: 1000 })
    .toBe('succeeded');
  // The box's state is the expanded appliances' together.
  await expect.poll(async () => (await page.getByTestId(`node-state-${ASSEMBLY}`).textContent())?.trim(), { timeout: 60_000 }).toBe('healthy');
  await screenshot(page, 'assemblies-deployed');

  // Outside the browser: HTTP through the box's published terminal reaches the web server inside.
  const host = await waitFor('HTTP through the box', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } }).catch(() => undefined);
    if (!res) return undefined;
    await res.arrayBuffer();
    return res.ok ? (res.headers.get('x-colo-host') ?? undefined) : undefined;
  }, 60_000, 1000);
  expect(host).toMatch(new RegExp(`^${ASSEMBLY}-web`));
});

it('edits a copy of the interior, saves it as version 2, and a box upgrades to it', async () => {
  // The deployed box from the first test: open it and edit a copy (a new VDC of its interior).
  await page.goto(`${url}/vdcs/${TARGET}`);
  await see(`node-${ASSEMBLY}`, 'target-reopen');
  await page.getByTestId(`node-${ASSEMBLY}`).click();
  await page.getByTestId('inspector-open-assembly').click();
  await page.getByTestId('assembly-edit-copy').click();
  await page.waitForURL(new RegExp(`/vdcs/${ASSEMBLY}-edit`));
  await see('node-web', 'edit-copy-open');

  // The server's objections are shown in the dialog: lb alone, its mandatory output left off the boundary.
  await page.getByTestId('node-lb').click();
  await page.getByTestId('save-assembly-button').click();
  await page.getByTestId('save-assembly-id').fill('lb-alone');
  await page.getByTestId('save-assembly-title').fill('LB alone');
  await page.getByTestId('save-assembly-terminal-lb-out').uncheck();
  await page.getByTestId('save-assembly-submit').click();
  await expect.poll(async () => (await page.getByTestId('save-assembly-errors').textContent({ timeout: 20_000 })) ?? '').toMatch(/mandatory output lb\.out/);
  await page.keyboard.press('Escape');
  await page.getByTestId('save-assembly-dialog').waitFor({ state: 'hidden' });
  expect((await call('GET', '/assemblies/lb-alone')).status).toBe(404);

  // Change the interior (two web replicas), select all, save under the same id: version 2.
  await page.getByTestId('node-web').click();
  await page.getByTestId('inspector-replicas').fill('2');
  await page.getByTestId('inspector-replicas').press('Tab');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+g');
  await page.getByTestId('save-assembly-dialog').waitFor();
  // Prefilled from version 1: the id, and the boundary under its old names.
  expect(await page.getByTestId('save-assembly-id').inputValue()).toBe(ASSEMBLY);
  expect(await page.getByTestId('save-assembly-terminal-lb-in').isChecked()).toBe(true);
  expect(await page.getByTestId('save-assembly-terminal-name-lb-in').inputValue()).toBe('http');
  expect(await page.getByTestId('save-assembly-submit').textContent()).toContain('Save version 2');
  await page.getByTestId('save-assembly-replace').uncheck();
  await page.getByTestId('save-assembly-submit').click();
  await page.getByTestId('save-assembly-dialog').waitFor({ state: 'hidden' });
  const saved = await call('GET', `/assemblies/${ASSEMBLY}`);
  expect(saved.json.assembly.version).toBe(2);
  expect(saved.json.assembly.definition.appliances.find((a: { name: string }) => a.name === 'web').replicas).toBe(2);

  // Back in the VDC that uses version 1: the inspector offers the upgrade, which only changes the class.
  await page.goto(`${url}/vdcs/${TARGET}`);
  await see(`node-${ASSEMBLY}`, 'target-upgrade');
  await page.getByTestId(`node-${ASSEMBLY}`).click();
  await page.getByTestId('inspector-upgrade-assembly').click();
  await expect.poll(async () => page.getByTestId('inspector-assembly-version').textContent()).toBe('2');
  await page.getByTestId('save-button').click();
  await expect.poll(async () => page.getByTestId('save-state').textContent(), { timeout: 20_000 }).toBe('All changes saved');
  const revision = await call('GET', `/vdcs/${TARGET}`);
  expect(revision.json.revision.manifest.appliances[0]).toMatchObject({ name: ASSEMBLY, class: `${ASSEMBLY}@2` });
});
