// Class versions in real Chromium, on a catalog of its own: the small `sleeper` test class (one
// idle container), so no stock class is touched. A VDC follows the class and runs; another pins
// version 1 without running. From the Classes page, the class's page opens a prototype, runs a
// failing and a working script, commits version 2 (the head) and follows the follower's deploy
// onto it; then rolls back to version 1 and deletes version 2 — each checked through the API.
// The real `colo class` does the same in one scripted commit, against the same server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureSleeperImage, sleeperClass } from '@colo/control/testing';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, cliEnv, colo, docker, freePort, instance, startWeb, startWorker, waitFor } from './harness';
import { createUserToken } from './setup';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let templatesDir: string;
let env: NodeJS.ProcessEnv;
// Committed images are named in this namespace, so the test finds (and removes) exactly its own.
const namespace = `coloe2e${randomBytes(3).toString('hex')}`;

const manifest = (name: string, cls: string) => ({ apiVersion: 'colo/v1', kind: 'VDC', name, appliances: [{ name: 'box', class: cls }], connections: [] });

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function operationEnds(id: string): Promise<string> {
  return waitFor(`operation ${id} to finish`, async () => {
    const { json } = await call('GET', `/operations/${id}`);
    const status = json?.operation?.status;
    return status === 'succeeded' || status === 'failed' ? status : undefined;
  }, 180_000, 1000);
}

beforeAll(async () => {
  await ensureSleeperImage();
  templatesDir = mkdtempSync(path.join(tmpdir(), 'colo-classes-e2e-templates-'));
  mkdirSync(path.join(templatesDir, 'appliances', 'sleeper'), { recursive: true });
  writeFileSync(path.join(templatesDir, 'appliances', 'sleeper', 'class.yaml'), JSON.stringify(sleeperClass, null, 2));

  db = await createTestDatabase('classes_e2e');
  env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}`, COLO_TEMPLATES_DIR: templatesDir, COLO_IMAGE_NAMESPACE: namespace });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  worker = startWorker(env);
  // The prototype's Docker work runs in the worker: it must be serving before the first call.
  await waitFor('the worker', async () => worker.output().includes('colo worker ready'), 90_000, 300, async () => worker.output());
  // The first user is the admin: the only one who may patch a class.
  const setup = await call('POST', '/auth/setup', { email: 'hal@colo.test', name: 'Hal', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/vdcs', { manifest: manifest('follow', 'sleeper') })).status).toBe(201);
  expect((await call('POST', '/vdcs', { manifest: manifest('pinned', 'sleeper@1') })).status).toBe(201);
  const deploy = await call('POST', '/vdcs/follow/deploy', {});
  expect(deploy.status, JSON.stringify(deploy.json)).toBe(202);
  expect(await operationEnds(deploy.json.operation.id)).toBe('succeeded');

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await cleanupInstance();
  const images = await docker.listImages({ filters: { reference: [`${namespace}/*`] } }).catch(() => []);
  for (const image of images) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  await db?.drop();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

const headOf = async () => (await call('GET', '/classes/sleeper')).json;

describe('class versions', () => {
  it('patches a class in its prototype, commits version 2 as the head, rolls back and deletes it', async () => {
    await page.goto(`${url}/vdcs`);
    await page.getByRole('link', { name: 'Classes' }).click();
    await page.waitForURL(/\/classes$/);
    expect(await page.getByTestId('class-row-sleeper').textContent()).toMatch(/Sleeper\s*v1\s*1/);
    await page.getByTestId('class-link-sleeper').click();
    await page.waitForURL(/\/classes\/sleeper$/);

    // Version 1 is the head; the running follower and the VDC that pins it are named, the pin marked.
    await expect.poll(async () => page.getByTestId('version-row-1').getByTestId('head-badge').count()).toBe(1);
    expect(await page.getByTestId('class-head').textContent()).toBe('version 1');
    const used = page.getByTestId('version-used-1');
    await expect.poll(async () => (await used.textContent()) ?? '').toMatch(/follow.*box · 1 container/);
    expect(await used.getByRole('link', { name: 'pinned' }).getAttribute('href')).toBe('/vdcs/pinned');
    expect(await used.getByTestId('pinned-pinned').count()).toBe(1);
    expect(await page.getByTestId('delete-version-1').isDisabled()).toBe(true);

    // Open a prototype (offline) from version 1; a failing script shows its status, a working one its output.
    await page.getByTestId('prototype-online').uncheck();
    await page.getByTestId('prototype-open').click();
    await page.locator('[data-testid="prototype-panel"][data-open="yes"]').waitFor();
    expect(await page.getByTestId('prototype-state').textContent()).toMatch(/open · from v1/);
    const proto = await headOf();
    expect(proto.prototype).toMatchObject({ version: 1, online: false, running: true });

    await page.getByTestId('prototype-script').fill('echo not yet >&2; exit 3');
    await page.getByTestId('prototype-run').click();
    await expect.poll(async () => page.getByTestId('prototype-exit').textContent()).toBe('exit 3');
    expect(await page.getByTestId('prototype-output').textContent()).toContain('not yet');

    await page.getByTestId('prototype-script').fill('echo patched-by-e2e > /tmp/colo-e2e && cat /tmp/colo-e2e');
    await page.getByTestId('prototype-run').click();
    await expect.poll(async () => page.getByTestId('prototype-exit').textContent()).toBe('exit 0');
    expect(await page.getByTestId('prototype-output').textContent()).toBe('patched-by-e2e\n');
    await screenshot(page, 'class-prototype');

    // Commit: version 2 is the head, and the follower's deploy is followed live to its end.
    await page.getByTestId('commit-note').fill('writes /tmp/colo-e2e');
    await page.getByTestId('prototype-commit').click();
    const moved = page.getByTestId('rollout-deploy-follow');
    await moved.waitFor();
    await expect.poll(async () => moved.getAttribute('data-status'), { timeout: 180_000 }).toBe('succeeded');
    await expect.poll(async () => page.getByTestId('class-head').textContent()).toBe('version 2');
    expect(await page.getByTestId('version-row-2').getByTestId('head-badge').count()).toBe(1);
    expect(await page.getByTestId('version-row-2').textContent()).toMatch(/committed · from v1.*writes \/tmp\/colo-e2e.*hal@colo\.test/);
    await page.locator('[data-testid="prototype-panel"][data-open="no"]').waitFor();
    await expect.poll(async () => (await page.getByTestId('version-used-2').textContent()) ?? '', { timeout: 30_000 }).toMatch(/follow.*1 container/);
    expect(await page.getByTestId('delete-blocked-2').textContent()).toMatch(/Followers use the head/);
    await screenshot(page, 'class-committed');

    const committed = await headOf();
    expect(committed.head).toBe(2);
    expect(committed.prototype).toBeNull();
    expect(committed.versions.map((v: { version: number; source: string }) => `${v.version} ${v.source}`)).toEqual(['2 committed', '1 stock']);
    expect(committed.versions[0].usedBy).toEqual([{ vdc: 'follow', appliances: ['box'], containers: 1, pinned: false }]);
    expect(committed.versions[0].image).toBe(`${namespace}/sleeper:2-${instance}`);

    // Roll back to version 1: the follower moves back, and version 2, now unused, can go.
    await page.getByTestId('rollout').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('move-to-1').click();
    await page.getByTestId('move-dialog').getByTestId('confirm-button').click();
    const back = page.getByTestId('rollout-deploy-follow');
    await back.waitFor();
    await expect.poll(async () => back.getAttribute('data-status'), { timeout: 180_000 }).toBe('succeeded');
    await expect.poll(async () => page.getByTestId('class-head').textContent()).toBe('version 1');
    const rolledBack = await headOf();
    expect(rolledBack.head).toBe(1);
    expect(rolledBack.versions.find((v: { version: number }) => v.version === 1).usedBy.find((u: { vdc: string }) => u.vdc === 'follow')).toMatchObject({ containers: 1 });

    await expect.poll(async () => page.getByTestId('delete-version-2').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('delete-version-2').click();
    await page.getByTestId('delete-version-dialog').getByTestId('confirm-button').click();
    await expect.poll(async () => page.getByTestId('version-row-2').count()).toBe(0);
    const after = await headOf();
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(await docker.listImages({ filters: { reference: [`${namespace}/*`] } })).toEqual([]);
  });

  it('does the same from the real CLI: one scripted commit followed to the end, versions, rollback, rm', async () => {
    const cli = cliEnv(url, createUserToken('hal@colo.test', env));
    const script = path.join(templatesDir, 'patch.sh');
    writeFileSync(script, 'echo from-the-cli > /tmp/colo-e2e-cli\n');
    const commit = await colo(['class', 'commit', 'sleeper', '-m', 'from the CLI', '-f', script, '--offline'], cli);
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.stdout).toContain('opened the prototype of sleeper@1 (offline)');
    expect(commit.stdout).toContain('committed sleeper@2: it is the head; moving 1 follower onto it');
    expect(commit.stdout).toMatch(/deploy of follow \(op_\w+\): replacing its replicas one at a time/);

    const versions = await colo(['class', 'versions', 'sleeper'], cli);
    expect(versions.code, versions.stderr).toBe(0);
    expect(versions.stdout).toMatch(/\n2\s+committed\s+head\s+from the CLI\s+hal@colo\.test, \d+[sm] ago\s+follow \(box, 1 container\)\n/);
    expect(versions.stdout).toMatch(/\n1\s+stock\s+-\s+-\s+pinned \(box, pinned\)\n/);

    const back = await colo(['class', 'rollback', 'sleeper', '--json'], cli);
    expect(back.code, back.stderr).toBe(0);
    const doc = JSON.parse(back.stdout);
    expect(doc).toMatchObject({ version: 1, previous: 2 });
    expect(doc.operations.map((o: { status: string }) => o.status)).toEqual(['succeeded']);
    const rm = await colo(['class', 'rm', 'sleeper', '2'], cli);
    expect(rm.code, rm.stderr).toBe(0);
    expect((await headOf()).versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(await docker.listImages({ filters: { reference: [`${namespace}/*`] } })).toEqual([]);
  });
});
