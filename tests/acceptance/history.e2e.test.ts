// The history ("time machine") page in real Chromium, kept cheap: a VDC that is saved twice but
// never deployed. From the VDC list, its History shows both revisions on one timeline; the diff
// of the two shows the changed line and names what changed; the editor links to it too. A
// snapshot (of a VDC with no data volumes: the worker records its revision only) is taken with a
// note, shows up ready, and is deleted again, each checked against the API outside the page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, freePort, instance, startWeb, startWorker } from './harness';

let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;

const REV1 = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'hist',
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 2 },
  ],
  connections: [{ from: 'lb.out', to: 'web.in' }],
  visual: { lb: { x: 0, y: 0 }, web: { x: 320, y: 0 } },
};
const REV2 = {
  ...REV1,
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 3 },
    { name: 'cache', class: 'redis' },
  ],
  visual: { ...REV1.visual, cache: { x: 640, y: 0 } },
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

beforeAll(async () => {
  db = await createTestDatabase('history_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  worker = startWorker(env);
  const setup = await call('POST', '/auth/setup', { email: 'hal@colo.test', name: 'Hal', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await call('POST', '/vdcs', { manifest: REV1 })).status).toBe(201);
  const saved = await call('PUT', '/vdcs/hist', { manifest: REV2, baseRevision: 1 });
  expect(saved.status).toBe(200);
  expect(saved.json.revision.number).toBe(2);

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

const timelineKeys = () =>
  page.locator('[data-testid="history-timeline"] [data-testid^="timeline-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

describe('history', () => {
  it('shows both revisions from the VDC list, and their diff with the changed line', async () => {
    await page.goto(`${url}/vdcs`);
    await page.getByTestId('vdc-history-hist').click();
    await page.waitForURL(/\/vdcs\/hist\/history$/);
    await page.getByTestId('timeline-revision-2').waitFor();
    await page.getByTestId('timeline-revision-1').waitFor();
    // Newest first.
    const keys = await timelineKeys();
    expect(keys.indexOf('timeline-revision-2')).toBeLessThan(keys.indexOf('timeline-revision-1'));
    expect(await page.getByTestId('timeline-revision-2').textContent()).toMatch(/latest/);

    await page.getByTestId('revision-diff-2').click();
    const diff = page.getByTestId('diff-view');
    await diff.waitFor();
    await expect.poll(async () => (await diff.textContent()) ?? '').toMatch(/Revision 1 → revision 2/);
    await diff.locator('[data-testid="diff-line"][data-kind="added"]').first().waitFor();
    const added = await diff.locator('[data-testid="diff-line"][data-kind="added"]').allTextContents();
    const removed = await diff.locator('[data-testid="diff-line"][data-kind="removed"]').allTextContents();
    expect(removed.map((l) => l.trim())).toContain('replicas: 2');
    expect(added.map((l) => l.trim())).toContain('replicas: 3');
    expect(added.map((l) => l.trim())).toContain('- name: cache');
    // Layout is left out unless asked: the new box's position is not a line of the diff.
    expect(added.join('\n')).not.toMatch(/x: 640/);
    const summary = (await page.getByTestId('diff-summary').textContent()) ?? '';
    expect(summary).toContain('Added cache');
    expect(summary).toContain('Changed web: replicas');
    await screenshot(page, 'history-diff');

    // The same changes in the unified view, and the layout when asked.
    await page.getByTestId('diff-mode-unified').click();
    await page.getByTestId('diff-unified').waitFor();
    expect((await page.getByTestId('diff-unified').locator('[data-kind="removed"]').allTextContents()).join('\n')).toContain('replicas: 2');
    await page.getByTestId('diff-layout').check();
    await expect.poll(async () => (await page.getByTestId('diff-unified').locator('[data-kind="added"]').allTextContents()).join('\n')).toMatch(/cache: \{ x: 640/);
    await page.getByTestId('diff-close').click();
    await expect.poll(() => page.getByTestId('diff-view').count()).toBe(0);

    // Any two revisions from the compare bar: 2 against 1 reads the same, oldest first.
    await page.getByTestId('compare-from').selectOption('2');
    await page.getByTestId('compare-to').selectOption('1');
    await page.getByTestId('compare-button').click();
    await expect.poll(async () => (await page.getByTestId('diff-view').textContent()) ?? '').toMatch(/Revision 1 → revision 2/);
  });

  it('is one click from the editor', async () => {
    await page.goto(`${url}/vdcs/hist`);
    await page.getByTestId('history-link').click();
    await page.waitForURL(/\/vdcs\/hist\/history$/);
    await page.getByTestId('timeline-revision-2').waitFor();
  });

  it('takes a snapshot with a note and deletes it, with progress and outcome on the page', async () => {
    await page.goto(`${url}/vdcs/hist/history`);
    await page.getByTestId('snapshot-open').click();
    await page.getByTestId('snapshot-note').fill('before the upgrade');
    await page.getByTestId('snapshot-submit').click();
    // The operation shows at once in the side panel, then the snapshot lands on the timeline.
    await page.getByTestId('history-operation').getByTestId('operation-view').waitFor();
    const snapshot = page.getByTestId('timeline-snapshot-1');
    await snapshot.waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await snapshot.textContent()) ?? '', { timeout: 120_000 }).toMatch(/ready/);
    expect(await snapshot.textContent()).toContain('“before the upgrade”');
    expect(await snapshot.textContent()).toMatch(/of revision 2/);
    await expect
      .poll(async () => (await page.getByTestId('history-operation').getByTestId('operation-status').textContent())?.trim(), { timeout: 60_000 })
      .toBe('succeeded');
    const listed = await call('GET', '/vdcs/hist/snapshots');
    expect(listed.json.snapshots.map((s: { number: number; note: string }) => [s.number, s.note])).toEqual([[1, 'before the upgrade']]);
    await screenshot(page, 'history-snapshot');

    await page.getByTestId('snapshot-delete-1').click();
    await page.getByTestId('delete-snapshot-dialog').getByTestId('confirm-button').click();
    await expect.poll(() => snapshot.count(), { timeout: 120_000 }).toBe(0);
    const deleted = page.locator('[data-testid^="timeline-operation-"]', { hasText: 'Delete snapshot 1' });
    await expect.poll(async () => (await deleted.textContent()) ?? '', { timeout: 60_000 }).toMatch(/succeeded/);
    expect((await call('GET', '/vdcs/hist/snapshots')).json.snapshots).toEqual([]);
  });
});
