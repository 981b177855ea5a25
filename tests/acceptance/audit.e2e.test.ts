// The audit page in real Chromium against a real Colo: reached from the main navigation and
// from the editor's Activity link (filtered to that VDC); filters set from the keyboard; a
// refused deploy's details expanded; older events a page at a time; Export CSV downloads
// exactly what the API exports for the same filter.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, freePort, startWeb } from './harness';

const NAME = 'audit-ui';
let db: TestDatabase;
let web: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let readToken = '';

async function call(method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: url };
  if (token) headers.authorization = `Bearer ${token}`;
  else headers.cookie = cookie;
  const res = await fetch(`${url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
}

const rows = () => page.locator('[data-testid=audit-row]');
async function shownActions(count: number): Promise<string[]> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=audit-row]').length === n, count);
  return rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action') ?? ''));
}

beforeAll(async () => {
  db = await createTestDatabase('audit_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await call('POST', '/auth/setup', { email: 'ada@colo.test', name: 'Ada', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: NAME, appliances: [{ name: 'web', class: 'web-static' }], visual: { web: { x: 0, y: 0 } } };
  expect((await call('POST', '/vdcs', { manifest })).status).toBe(201);
  const made = await call('POST', '/tokens', { name: 'read only', scope: 'read' });
  expect(made.status).toBe(201);
  readToken = made.json.token;
  // 52 refused deploys through the read-only token: more than one page of one filter.
  for (let i = 0; i < 52; i++) expect((await call('POST', `/vdcs/${NAME}/deploy`, {}, readToken)).status).toBe(403);

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('the audit page', () => {
  it("opens from the editor's Activity link, filtered to that VDC, with the main navigation marking it", async () => {
    try {
      await page.goto(`${url}/vdcs/${NAME}`);
      await page.click('[data-testid=activity-link]');
      await page.waitForURL((u) => u.pathname === '/audit' && u.searchParams.get('vdc') === NAME);
      expect(await page.inputValue('[data-testid=audit-vdc]')).toBe(NAME);
      expect(await page.getAttribute('nav[aria-label=Main] a[href="/audit"]', 'aria-current')).toBe('page');
      // Newest first: 50 refused deploys, then "Show older events" for the rest and the save.
      const first = await shownActions(50);
      expect(new Set(first)).toEqual(new Set(['deployVdc']));
      expect(await page.locator('[data-testid=audit-action]').first().innerText()).toBe('deploy');
      await page.click('[data-testid=audit-more]');
      const all = await shownActions(53);
      expect(all.slice(50)).toEqual(['deployVdc', 'deployVdc', 'createVdc']);
      await page.waitForSelector('[data-testid=audit-end]');
      // The token was made on no VDC: not in this VDC's activity.
      expect(all).not.toContain('createToken');
    } catch (err) {
      await screenshot(page, 'audit-activity');
      throw err;
    }
  });

  it('filters from the keyboard and shows a refusal in full', async () => {
    try {
      await page.goto(`${url}/audit`);
      await shownActions(50);
      await page.focus('[data-testid=audit-actor]');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('audit-action-filter');
      await page.keyboard.type('createTok');
      await page.keyboard.press('Enter');
      expect(await shownActions(1)).toEqual(['createToken']);
      expect(await rows().first().innerText()).toContain('token “read only”');
      await page.waitForURL((u) => u.searchParams.get('action') === 'createTok');

      await page.fill('[data-testid=audit-action-filter]', 'deploy');
      await page.selectOption('[data-testid=audit-outcome-filter]', 'denied');
      await page.click('[data-testid=audit-apply]');
      await shownActions(50);
      const details = rows().first().locator('button[aria-expanded]');
      expect(await details.innerText()).toBe('Details');
      await details.focus();
      await page.keyboard.press('Enter');
      expect(await details.getAttribute('aria-expanded')).toBe('true');
      const detail = await page.locator('[data-testid=audit-detail]').first().innerText();
      expect(detail).toContain('"path": "/api/v1/vdcs/audit-ui/deploy"');
      expect(detail).toMatch(/scope/);
    } catch (err) {
      await screenshot(page, 'audit-filters');
      throw err;
    }
  });

  it('exports the filtered events as CSV, exactly as the API does', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=audit-export-csv]')]);
    expect(download.suggestedFilename()).toMatch(/^colo-audit-[\dT-]+Z\.csv$/);
    const file = readFileSync((await download.path()) as string, 'utf8');
    const api = await call('GET', '/audit/export?format=csv&since=7d&action=deploy&outcome=denied');
    expect(api.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file).toBe(api.text);
    const records = file.split('\r\n');
    expect(records[0]).toBe('id,at,actor_email,actor_id,via,token_id,address,action,outcome,status,vdc_name,vdc_id,detail');
    expect(records).toHaveLength(54); // header, 52 refusals, the empty string after the last CRLF
    expect(records[1]).toMatch(/^aud_\w+,[\d-]+T[\d:.]+Z,ada@colo\.test,usr_\w+,token,tok_\w+,[^,]*,deployVdc,denied,403,audit-ui,vdc_\w+,"\{/);
    // Reading and exporting were not recorded.
    for (const action of ['listAudit', 'exportAudit']) expect((await call('GET', `/audit?action=${action}&since=`)).json.events).toEqual([]);
  });
});
