// The YAML tab as a code editor, in real Chromium: loaded only when the tab opens; broken text
// gets a marker on its line, the header and Problems say so and Save refuses with the reason;
// fixed text loses its markers and saves; completion offers the catalog's class ids. Checked
// against the API, outside the page. No deploys: nothing here needs Docker.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, freePort, startWeb } from './harness';

let db: TestDatabase;
let web: Service;
let browser: Browser;
let url: string;
let cookie: string;

const START = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'yml',
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
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function saved() {
  const res = await call('GET', '/vdcs/yml');
  expect(res.status).toBe(200);
  return res.json.revision as { number: number; manifest: typeof START };
}

async function signedInContext(): Promise<BrowserContext> {
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  return context;
}

/** The editor's text as lines (CodeMirror draws one element per line). */
const editorText = (page: Page) => page.getByTestId('yaml-editor').innerText();

/** 1-based numbers of the lines carrying an error marker. */
async function markedLines(page: Page): Promise<number[]> {
  return page.getByTestId('yaml-editor').evaluate((content) =>
    [...content.querySelectorAll(':scope > .cm-line')].flatMap((line, i) => (line.querySelector('.cm-lintRange-error, .cm-lintPoint-error') ? [i + 1] : [])),
  );
}

beforeAll(async () => {
  db = await createTestDatabase('yaml_editor');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'yan@colo.test', name: 'Yan', password: 'a long enough password' }),
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

describe('the YAML editor', () => {
  it('marks broken text at its line, says so in the header and Problems, refuses Save; fixed text saves; completes class ids', async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    const scripts = { before: [] as string[], after: [] as string[] };
    let tabOpened = false;
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) (tabOpened ? scripts.after : scripts.before).push(res.url());
    });
    await page.goto(`${url}/vdcs/yml`);
    await page.getByTestId('node-web').waitFor();

    // The code editor is not part of the canvas page: its code (CodeMirror) arrives when the tab opens.
    expect(await page.locator('.cm-editor').count()).toBe(0);
    tabOpened = true;
    await page.getByTestId('yaml-tab').click();
    const editor = page.getByTestId('yaml-editor');
    await editor.waitFor();
    const hasCodeMirror = async (urls: string[]) => {
      const bodies = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
      return bodies.some((body) => body.includes('cm-lintRange'));
    };
    expect(await hasCodeMirror(scripts.before)).toBe(false);
    expect(await hasCodeMirror(scripts.after)).toBe(true);
    expect(await page.locator('.cm-lineNumbers .cm-gutterElement').filter({ hasText: /^1$/ }).count()).toBe(1);
    const canonical = await editorText(page);
    const shown = parse(canonical);
    expect(shown.appliances).toEqual((await saved()).manifest.appliances);
    const base = (await saved()).number;

    // replicas: two is refused by the manifest's shape: marked on its own line.
    const lines = canonical.replace(/\n+$/, '').split('\n');
    const at = lines.findIndex((l) => /replicas: 2/.test(l));
    expect(at).toBeGreaterThan(0);
    const broken = lines.map((l, i) => (i === at ? l.replace('replicas: 2', 'replicas: two') : l)).join('\n');
    await editor.fill(broken);
    await expect.poll(() => markedLines(page), { timeout: 15_000 }).toEqual([at + 1]);
    expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('YAML not applied: 1 error');
    expect(await page.getByTestId('yaml-errors').innerText()).toContain(`line ${at + 1}, column 5`);
    expect(await page.getByTestId('problems-tab').innerText()).toMatch(/1/);
    await page.locator('.cm-lintRange-error').hover(); // the marker's words on hover
    expect(await page.locator('.cm-tooltip-lint').innerText()).toContain('must be a number');
    await screenshot(page, 'yaml-editor');

    await page.getByTestId('save-button').click();
    const refusal = page.getByTestId('save-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(`line ${at + 1}, column 5`);
    expect(await refusal.innerText()).toContain('not on the canvas');
    expect((await saved()).number).toBe(base);

    // Problems lists it in the same words; picking it brings the text back.
    await page.getByTestId('problems-tab').click();
    const row = page.getByTestId('problem-item').filter({ hasText: `YAML tab, line ${at + 1}, column 5` });
    expect(await row.count()).toBe(1);
    await row.click();
    await editor.waitFor();
    expect(await editorText(page)).toContain('replicas: two');

    // Fixed: the markers go, the header says what the canvas says, and Save stores it.
    await editor.fill(broken.replace('replicas: two', 'replicas: 3'));
    await expect.poll(() => markedLines(page), { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Unsaved changes');
    expect(await page.getByTestId('save-error').count()).toBe(0);
    await page.getByTestId('save-button').click();
    await expect.poll(async () => (await saved()).number, { timeout: 15_000 }).toBe(base + 1);
    expect((await saved()).manifest.appliances.find((a) => a.name === 'web')?.replicas).toBe(3);

    // Completion: a new appliance's class from the catalog (the text ends in the appliances list).
    const appliancesOnly = (await editorText(page)).split('\nconnections:')[0].replace(/\n+$/, '');
    await editor.fill(`${appliancesOnly}\n  - name: cache\n    class: re`);
    // The text reads as a manifest, so it is on the canvas; the validator's unknown class is marked.
    const last = appliancesOnly.split('\n').length + 2;
    await expect.poll(() => markedLines(page), { timeout: 15_000 }).toEqual([last]);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('redis')]));
    await page.waitForTimeout(300); // CodeMirror takes Enter only once the list has been seen (75 ms)
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(page)).toMatch(/class: redis\s*$/);
    await expect.poll(() => markedLines(page), { timeout: 15_000 }).toEqual([]);
    await context.close();
  });
});
