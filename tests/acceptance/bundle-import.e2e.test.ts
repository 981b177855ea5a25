// Importing a bundle by dropping it on the VDC list, in real Chromium: while a file is held over
// the list an overlay says what a drop does; the drop opens a dialog that names the new VDC after
// the bundle's manifest; importing opens it in the editor, and the API has it with the same
// appliances. Dropped on the editor's canvas, it is a new VDC too. A `.colo.tar` of a deployed NAS
// (exported with its data) dropped on the list makes a VDC whose volume a data_import fills with
// the NAS's file. A bundle changed after export, picked with Import… (the keyboard way), is refused
// with its reason listed, and no VDC is created.
import type { Browser, BrowserContext, JSHandle, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, docker, execIn, freePort, instance, startWeb, startWorker, vdcContainers, waitFor } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let bundle: string;

const SHOP = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
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
  return { status: res.status, text, headers: res.headers };
}

/** A DataTransfer holding one file, made in the page (what a drag from the desktop carries). */
function fileTransfer(content: string | Buffer, name: string): Promise<JSHandle<DataTransfer>> {
  const base64 = Buffer.isBuffer(content) ? content.toString('base64') : Buffer.from(content).toString('base64');
  return page.evaluateHandle(
    ([data, fileName]) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], fileName, { type: fileName.endsWith('.tar') ? 'application/x-tar' : 'application/yaml' }));
      return dt;
    },
    [base64, name] as const,
  );
}

/** Waits for an operation to end; fails with its error when it fails. */
async function finished(id: string): Promise<void> {
  await waitFor(
    `operation ${id}`,
    async () => {
      const { operation } = JSON.parse((await call('GET', `/operations/${id}`)).text) as { operation: { status: string; error?: { message?: string } } };
      if (operation.status === 'failed') throw new Error(`operation ${id} failed: ${operation.error?.message}`);
      return operation.status === 'succeeded';
    },
    240_000,
    1000,
  );
}

beforeAll(async () => {
  db = await createTestDatabase('bundle_import_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  worker = startWorker(env);
  const setup = await call('POST', '/auth/setup', { email: 'ida@colo.test', name: 'Ida', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/vdcs', { manifest: SHOP })).status).toBe(201);
  const exported = await call('GET', '/vdcs/shop/bundle');
  expect(exported.status).toBe(200);
  bundle = exported.text;

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('importing a bundle from the VDC list', () => {
  it('shows an overlay while a file is held over the list, and imports the dropped bundle under the name chosen', async () => {
    await page.goto(`${url}/vdcs`);
    const zone = page.getByTestId('vdc-list-drop');
    await zone.waitFor();
    const transfer = await fileTransfer(bundle, 'shop.colo.yaml');
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(page.getByTestId('bundle-drop-overlay').isVisible()).resolves.toBe(true);
    await screenshot(page, 'bundle-import-overlay');
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByTestId('bundle-drop-overlay').count()).resolves.toBe(0);

    const dialog = page.getByTestId('import-bundle-dialog');
    const nameField = dialog.getByTestId('import-bundle-name');
    await nameField.waitFor();
    // The dry run named it after the bundle's manifest.
    await page.waitForFunction(() => (document.querySelector('[data-testid="import-bundle-name"]') as HTMLInputElement | null)?.value === 'shop');
    await nameField.fill('shop-copy');
    await dialog.getByTestId('import-bundle-submit').click();
    await page.waitForURL(/\/vdcs\/shop-copy$/);

    const made = await call('GET', '/vdcs/shop-copy');
    expect(made.status).toBe(200);
    const { revision } = JSON.parse(made.text);
    expect(revision.manifest.appliances).toEqual(SHOP.appliances);
    expect(revision.manifest.connections).toEqual(SHOP.connections);
  });

  it("imports a bundle dropped on the editor's canvas as a new VDC, leaving the open one as it was", async () => {
    await page.goto(`${url}/vdcs/shop`);
    const pane = page.locator('.react-flow__pane');
    await pane.waitFor();
    const transfer = await fileTransfer(bundle, 'shop.colo.yaml');
    await pane.dispatchEvent('dragenter', { dataTransfer: transfer });
    await pane.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(page.getByTestId('bundle-drop-overlay').isVisible()).resolves.toBe(true);
    await pane.dispatchEvent('drop', { dataTransfer: transfer });
    const nameField = page.getByTestId('import-bundle-name');
    await nameField.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="import-bundle-name"]') as HTMLInputElement | null)?.value === 'shop');
    await nameField.fill('shop-canvas');
    await page.getByTestId('import-bundle-submit').click();
    await page.waitForURL(/\/vdcs\/shop-canvas$/);
    expect((await call('GET', '/vdcs/shop-canvas')).status).toBe(200);
    // The VDC that was open is untouched: still its one revision.
    expect(JSON.parse((await call('GET', '/vdcs/shop')).text).revision.number).toBe(1);
  });

  it('imports a dropped .colo.tar with its data: the volume is filled by a data_import of the new VDC', async () => {
    const files = { apiVersion: 'colo/v1', kind: 'VDC', name: 'files', appliances: [{ name: 'nas', class: 'nas' }], connections: [] };
    expect((await call('POST', '/vdcs', { manifest: files })).status).toBe(201);
    await finished(JSON.parse((await call('POST', '/vdcs/files/deploy', {})).text).operation.id);
    const [nas] = await vdcContainers(JSON.parse((await call('GET', '/vdcs/files')).text).vdc.id, 'nas');
    expect((await execIn(nas.Id, ['sh', '-c', 'echo moved with its data > /srv/share/hello.txt'])).code).toBe(0);
    await finished(JSON.parse((await call('POST', '/vdcs/files/snapshots', {})).text).operation.id);
    const res = await fetch(`${url}/api/v1/vdcs/files/bundle?withData=1`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const archive = Buffer.from(await res.arrayBuffer());

    await page.goto(`${url}/vdcs`);
    const zone = page.getByTestId('vdc-list-drop');
    await zone.waitFor();
    const transfer = await fileTransfer(archive, 'files.colo.tar');
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    const dialog = page.getByTestId('import-bundle-dialog');
    await page.waitForFunction(() => (document.querySelector('[data-testid="import-bundle-name"]') as HTMLInputElement | null)?.value === 'files');
    expect(await dialog.innerText()).toMatch(/With the data of 1 volume: nas\/share/);
    await dialog.getByTestId('import-bundle-name').fill('files-moved');
    await dialog.getByTestId('import-bundle-submit').click();
    await page.waitForURL(/\/vdcs\/files-moved$/);

    const moved = JSON.parse((await call('GET', '/vdcs/files-moved')).text).vdc;
    const ops = JSON.parse((await call('GET', '/vdcs/files-moved/operations')).text).operations as { id: string; kind: string }[];
    const fill = ops.find((o) => o.kind === 'data_import');
    expect(fill).toBeDefined();
    await finished(fill?.id ?? '');
    // The new VDC's own volume holds the file, before any deploy of it.
    const volumes = (await docker.listVolumes({ filters: { label: [`colo.instance=${instance}`, `colo.vdc=${moved.id}`] } })).Volumes ?? [];
    expect(volumes.map((v) => v.Labels['colo.appliance'])).toEqual(['nas']);
    const reader = await docker.createContainer({
      Image: 'colo/volume-tool:2',
      Entrypoint: ['cat', '/v/hello.txt'],
      Labels: { 'colo.instance': instance },
      HostConfig: { Mounts: [{ Type: 'volume', Source: volumes[0].Name, Target: '/v', ReadOnly: true }], NetworkMode: 'none' },
    });
    await reader.start();
    await reader.wait();
    const out = ((await reader.logs({ stdout: true, stderr: true })) as unknown as Buffer).toString('utf8');
    await reader.remove({ force: true });
    expect(out).toContain('moved with its data');
  });

  it('refuses a bundle changed after export, picked with Import…, listing the reason and creating nothing', async () => {
    await page.goto(`${url}/vdcs`);
    await page.getByTestId('import-bundle').waitFor();
    const changed = bundle.replace('replicas: 2', 'replicas: 9');
    expect(changed).not.toBe(bundle);
    await page.getByTestId('import-bundle-file').setInputFiles({ name: 'shop.colo.yaml', mimeType: 'application/yaml', buffer: Buffer.from(changed) });
    const reasons = page.getByTestId('import-bundle-reasons');
    await reasons.waitFor();
    expect(await reasons.innerText()).toMatch(/the bundle was changed after export \(its checksum does not match\)/);
    await expect(page.getByTestId('import-bundle-submit').count()).resolves.toBe(0);
    await screenshot(page, 'bundle-import-refused');

    const list = JSON.parse((await call('GET', '/vdcs')).text) as { vdcs: { name: string }[] };
    expect(list.vdcs.map((v) => v.name).sort()).toEqual(['files', 'files-moved', 'shop', 'shop-canvas', 'shop-copy']);
  });

  it("imports a dropped assembly's file: the catalog's export link gives it, a drop brings it back as the user's own", async () => {
    const kit = {
      id: 'web-kit',
      title: 'Web kit',
      appliances: [{ name: 'lb', class: 'halb' }, { name: 'web', class: 'web-static', replicas: 2 }],
      connections: [{ from: 'lb.out', to: 'web.in' }],
      terminals: [{ name: 'http', endpoint: 'lb.in' }],
    };
    expect((await call('POST', '/assemblies', { assembly: kit })).status).toBe(201);
    await page.goto(`${url}/catalog/assemblies/web-kit`);
    const href = await page.getByTestId('assembly-export').getAttribute('href');
    expect(href).toBe('/api/v1/assemblies/web-kit/bundle?version=1');
    const exported = await call('GET', href!.replace('/api/v1', ''));
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('kind: AssemblyBundle');
    // Gone from this Colo, as if the file went to another: a drop on the VDC list brings it back.
    expect((await call('DELETE', '/assemblies/web-kit')).status).toBe(200);
    await page.goto(`${url}/vdcs`);
    const zone = page.getByTestId('vdc-list-drop');
    await zone.waitFor();
    const transfer = await fileTransfer(exported.text, 'web-kit.colo.yaml');
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    const dialog = page.getByTestId('import-bundle-dialog');
    await dialog.getByTestId('import-bundle-assembly').waitFor();
    expect(await dialog.getByTestId('import-bundle-assembly').innerText()).toContain('web-kit version 1');
    await dialog.getByTestId('import-bundle-submit').click();
    await page.waitForURL(/\/catalog\/assemblies\/web-kit$/);
    const back = JSON.parse((await call('GET', '/assemblies/web-kit')).text) as { assembly: { mine: boolean; version: number } };
    expect(back.assembly).toMatchObject({ mine: true, version: 1 });
  });
});
