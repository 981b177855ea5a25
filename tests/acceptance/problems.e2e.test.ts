// Errors where the eye is, in real Chromium (issue 11): Problems asks the server while the user
// edits (a host port another VDC holds shows before anything is pressed), names the appliance
// and the field in words — the same line the API answers — the field says the same under
// itself (aria-invalid, aria-describedby), the node carries a badge and a red outline, Deploy is
// disabled with the reason, Save keeps a draft revision "with N problems" that the API refuses
// to deploy in those words, and properties show the class's label with the key as a hint.
import { formatIssue, type Issue } from '@colo/manifest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, freePort, startWeb } from './harness';

let db: TestDatabase;
let web: Service;
let browser: Browser;
let context: BrowserContext;
let url: string;
let cookie: string;
let heldPort: number;

const manifestOf = (name: string, lbExpose?: number) => ({
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name,
  appliances: [
    { name: 'lb', class: 'halb', ...(lbExpose ? { expose: [{ terminal: 'in', port: lbExpose }] } : {}) },
    { name: 'web', class: 'web-php' },
  ],
  connections: [{ from: 'lb.out', to: 'web.in' }],
  visual: { lb: { x: 0, y: 0 }, web: { x: 320, y: 0 } },
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const errorTexts = async (page: Page) =>
  (await page.locator('[data-testid="problem-item"][data-severity="error"] [data-testid="problem-text"]').allInnerTexts()).map((t) => t.trim());

/** The text the field's aria-describedby points at: what a screen reader says about it. */
async function describedBy(input: Locator): Promise<{ invalid: string | null; text: string | undefined }> {
  return input.evaluate((el) => {
    const id = el.getAttribute('aria-describedby');
    return { invalid: el.getAttribute('aria-invalid'), text: id ? document.getElementById(id)?.textContent ?? undefined : undefined };
  });
}

beforeAll(async () => {
  db = await createTestDatabase('problems_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'pat@colo.test', name: 'Pat', password: 'a long enough password' }),
  });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  heldPort = await freePort();
  // Saved, never deployed: its latest revision holds the port all the same.
  expect((await call('POST', '/vdcs', { manifest: manifestOf('holder', heldPort) })).status).toBe(201);
  expect((await call('POST', '/vdcs', { manifest: manifestOf('prob') })).status).toBe(201);
  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.kill('SIGTERM');
  await db?.drop();
});

describe('problems', () => {
  it('shows the server’s checks while editing, in words, on the field, the node and Deploy; saves a draft', async () => {
    const page = await context.newPage();
    await page.goto(`${url}/vdcs/prob`);
    await page.getByTestId('node-lb').waitFor();
    expect(await errorTexts(page)).toEqual([]);
    expect(await page.getByTestId('deploy-button').isEnabled()).toBe(true);

    // A port another VDC holds: only the server knows. Nothing pressed but the field itself.
    await page.getByTestId('node-lb').click();
    await page.getByTestId('inspector-expose-in').check();
    await page.getByTestId('inspector-port-in').fill(String(heldPort));
    await page.getByTestId('inspector-port-in').press('Tab');
    const portLine = `lb · host port: host port ${heldPort} is already used by VDC "holder"`;
    await expect.poll(() => errorTexts(page), { timeout: 15_000 }).toEqual([portLine]);
    // The field says the same words, tied to the input.
    expect(await describedBy(page.getByTestId('inspector-port-in'))).toEqual({
      invalid: 'true',
      text: `host port ${heldPort} is already used by VDC "holder"`,
    });
    // The same line as the API's own verdict.
    const verdict = await call('POST', '/validate', { manifest: { ...manifestOf('prob', heldPort) } });
    expect(verdict.json.errors.map((i: Issue) => formatIssue(i))).toEqual([portLine]);

    // The node: a badge and a red outline.
    expect(await page.getByTestId('node-lb').getAttribute('data-problems')).toBe('1');
    expect(await page.getByTestId('node-problems-lb').getAttribute('title')).toBe(portLine);
    expect(await page.getByTestId('node-lb').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(await page.getByTestId('node-web').getAttribute('data-problems')).toBeNull();

    // Deploy: disabled, the reason on hover.
    expect(await page.getByTestId('deploy-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('deploy-blocked').getAttribute('title')).toBe('Fix the problem in Problems before deploying');

    // A resource bound and a property: the validator's words, the class's label.
    await page.getByTestId('node-web').click();
    const memory = page.getByLabel('Memory', { exact: true });
    await memory.fill('5Gi');
    await memory.press('Tab');
    await expect.poll(() => errorTexts(page)).toContain('web · memory: at most 4Gi');
    expect(await describedBy(memory)).toEqual({ invalid: 'true', text: 'at most 4Gi' });
    const workers = page.getByLabel('PHP workers');
    expect(await page.getByText('PHP workers', { exact: true }).count()).toBe(1);
    await workers.fill('99');
    await workers.press('Tab');
    await expect.poll(() => errorTexts(page)).toContain('web · PHP workers: must be at most 64, not 99');
    expect(await page.getByTestId('node-web').getAttribute('data-problems')).toBe('2');
    expect(await page.getByTestId('deploy-blocked').getAttribute('title')).toBe('Fix the 3 problems in Problems before deploying');
    await screenshot(page, 'problems-on-canvas');

    // Save keeps a draft revision, saying so; the API refuses to deploy it in the same words.
    await page.getByTestId('save-button').click();
    await page.getByText('Saved revision 2 with 3 problems: fix them to deploy').waitFor();
    const saved = await call('GET', '/vdcs/prob');
    expect(saved.json.revision.number).toBe(2);
    expect(saved.json.revision.manifest.appliances[1]).toMatchObject({ resources: { memory: '5Gi' }, properties: { workers: 99 } });
    const deploy = await call('POST', '/vdcs/prob/deploy', {});
    expect(deploy.status).toBe(400);
    expect(deploy.json.error.code).toBe('invalid_manifest');
    expect((deploy.json.error.issues as Issue[]).map((i) => formatIssue(i)).sort()).toEqual(
      [portLine, 'web · memory: at most 4Gi', 'web · PHP workers: must be at most 64, not 99'].sort(),
    );

    // Fixed: no problems, Deploy enabled again.
    await memory.fill('1Gi');
    await memory.press('Tab');
    await workers.fill('8');
    await workers.press('Tab');
    await page.getByTestId('node-lb').click();
    await page.getByTestId('inspector-port-in').fill(String(await freePort()));
    await page.getByTestId('inspector-port-in').press('Tab');
    await expect.poll(() => errorTexts(page), { timeout: 15_000 }).toEqual([]);
    expect(await page.getByTestId('deploy-button').isEnabled()).toBe(true);
    expect(await page.getByTestId('node-problems-lb').count()).toBe(0);
    await page.close();
  });
});
