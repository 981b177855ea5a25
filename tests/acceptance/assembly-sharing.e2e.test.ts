// Sharing assemblies in real Chromium, between two users of one Colo. Ada saves two assemblies
// through the API (a static web server on a NAS); in the Catalog she tries to share one with an
// unknown e-mail (refused in place), then publishes it with the keyboard. Bo's catalog shows the
// published one and never the private one — not even at its address (a 404 page) —, his page of it
// has no sharing or delete controls, and the API refuses him both (403). He places it in a VDC of
// his own (`class: <id>@1`), which his catalog then names. Ada makes it private again: it leaves
// Bo's catalog. A second assembly with two versions: its page shows either version's interior,
// Ada shares it with Bo by e-mail (his "Shared with me"), he places version 1, and Ada deletes it
// from its page: it leaves his catalog while his VDC keeps the version it places. Nothing here
// runs a container, so no worker is started.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, freePort, instance, ROOT, type Service, startWeb } from './harness';

interface Person {
  email: string;
  token: string;
  context: BrowserContext;
  page: Page;
}

let db: TestDatabase;
let web: Service;
let browser: Browser;
let url: string;
let ada: Person;
let bo: Person;

const PUBLIC = 'static-site';
const SECRET = 'secret-site';

/** A static web server whose content comes from a NAS; its box shows the server's http input. */
function definition(id: string, title: string) {
  return {
    id,
    title,
    description: 'nginx serving the files of a NAS share.',
    appliances: [
      { name: 'web', class: 'web-static', replicas: 2 },
      { name: 'files', class: 'nas' },
    ],
    connections: [{ from: 'web.fs', to: 'files.fs' }],
    terminals: [{ name: 'http', endpoint: 'web.in', description: 'HTTP for clients' }],
    properties: [{ name: 'listing', target: 'web.autoindex', label: 'Directory listing', default: false }],
  };
}

async function call(who: Person, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A user of this Colo (bootstrap-admin makes one per e-mail) with an API token and a password. */
function makeUser(email: string, env: NodeJS.ProcessEnv): { email: string; token: string; password: string } {
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bootstrap-admin.ts', '--email', email, '--json', '--no-cli-config'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const { token, password } = JSON.parse(out) as { token: string; password: string };
  return { email, token, password };
}

/** Signs the user in and gives them a browser context of their own with the session cookie. */
async function signIn({ email, token, password }: { email: string; token: string; password: string }): Promise<Person> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const [name, value] = (login.headers.get('set-cookie') ?? '').split(';')[0].split('=');
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  await context.addCookies([{ name, value, url }]);
  return { email, token, context, page: await context.newPage() };
}

beforeAll(async () => {
  db = await createTestDatabase('assembly_sharing_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  // Both users first: the script blocks this process for seconds, longer than the server keeps
  // an idle connection open, and the next fetch would reuse the closed one.
  const users = [makeUser('ada@colo.test', env), makeUser('bo@colo.test', env)];
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  browser = await launchBrowser();
  ada = await signIn(users[0]);
  bo = await signIn(users[1]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

/** Bo's catalog, Assemblies tab: the ids of the rows it lists. */
async function catalogIds(page: Page): Promise<string[]> {
  await page.goto(`${url}/catalog?tab=assemblies`);
  await page.getByRole('tab', { name: /Assemblies/ }).first().waitFor();
  return page.locator('[data-testid^="assembly-row-"]').evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-testid') as string).replace('assembly-row-', '')));
}

describe('assembly sharing', () => {
  it('publishes an assembly to another user, who places it but cannot change it, and takes it back', async () => {
    onTestFailed(async () => {
      await screenshot(ada.page, 'assembly-sharing-failed-owner').catch(() => undefined);
      await screenshot(bo.page, 'assembly-sharing-failed-reader').catch(() => undefined);
    });
    for (const [id, title] of [
      [PUBLIC, 'Static site'],
      [SECRET, 'Secret site'],
    ]) {
      const saved = await call(ada, 'POST', '/assemblies', { assembly: definition(id, title), note: 'first cut' });
      expect(saved.status, JSON.stringify(saved.json)).toBe(201);
    }

    // Ada: the Catalog from the main navigation; a stock assembly offers to start a VDC from it.
    const a = ada.page;
    await a.goto(`${url}/vdcs`);
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await a.waitForURL(/\/catalog/);
    await a.getByTestId('catalog-tab-classes').click();
    expect(await a.getByTestId('catalog-class-web-static').textContent()).toMatch(/web-static.*v1 · stock · head/);
    await screenshot(a, 'assembly-sharing-classes');
    await a.getByTestId('catalog-tab-stock').click();
    await a.getByTestId('new-vdc-from-cached-web').click();
    expect(await a.getByTestId('create-vdc-name').inputValue()).toBe('cached-web');
    await a.getByTestId('create-vdc-dialog').getByRole('button', { name: 'Cancel' }).click();

    // Her assemblies: both listed, hers and private.
    await a.getByTestId('catalog-tab-stock').focus();
    await a.keyboard.press('Home');
    expect(await a.getByTestId('catalog-tab-assemblies').getAttribute('aria-selected')).toBe('true');
    await a.getByTestId(`assembly-row-${PUBLIC}`).waitFor();
    expect(await a.getByTestId(`assembly-row-${SECRET}`).textContent()).toMatch(/Secret site.*You.*v1.*1.*Private/);
    await a.getByTestId('assembly-filter-published').click();
    expect(await a.getByTestId('assemblies-empty').textContent()).toContain('Nothing under “Published”');
    await a.getByTestId('assembly-filter-mine').click();
    await a.getByTestId(`assembly-link-${PUBLIC}`).click();
    await a.waitForURL(new RegExp(`/catalog/assemblies/${PUBLIC}$`));

    // Its page reads out the interior and the version.
    expect(await a.getByTestId('interior-appliance-web').textContent()).toMatch(/web\s*web-static@1\s*2/);
    expect(await a.getByTestId('interior-appliance-files').textContent()).toContain('nas');
    expect(await a.getByRole('img', { name: /Diagram of 2 appliances and 1 wire;/ }).textContent()).toMatch(/web.*web-static@1.*files.*nas@1/);
    expect(await a.getByTestId('interior-wires').textContent()).toContain('web.fs');
    expect(await a.getByTestId('interior-terminals').textContent()).toMatch(/http\s*stands for\s*web\.in/);
    expect(await a.getByTestId('interior-properties').textContent()).toMatch(/Directory listing.*sets\s*web\.autoindex/);
    expect(await a.getByTestId('assembly-version-1').textContent()).toContain('first cut');
    expect(await a.getByTestId('assembly-ref').textContent()).toBe(`class: ${PUBLIC}@1`);

    // An unknown e-mail is refused in place; nothing changes.
    await a.getByTestId('sharing-shared').check();
    await a.getByTestId('sharing-email').fill('nobody@colo.test');
    await a.getByTestId('sharing-email').press('Enter');
    await a.getByTestId('sharing-user-nobody@colo.test').waitFor();
    await a.getByTestId('sharing-save').click();
    expect(await a.getByTestId('sharing-error').textContent()).toContain('no user "nobody@colo.test" on this Colo');
    expect((await call(ada, 'GET', `/assemblies/${PUBLIC}`)).json.assembly.visibility).toBe('private');

    // Published, by keyboard: arrows move along the radio group, Tab reaches Save.
    await a.getByTestId('sharing-private').focus();
    await a.keyboard.press('ArrowDown');
    await a.keyboard.press('ArrowDown');
    expect(await a.getByTestId('sharing-published').isChecked()).toBe(true);
    await a.getByTestId('sharing-save').focus();
    await a.keyboard.press('Enter');
    await expect.poll(async () => a.getByTestId('sharing-status').textContent()).toContain('Published to everyone on this Colo');
    await expect.poll(async () => a.getByTestId('assembly-visibility').textContent()).toBe('Published');
    expect((await call(ada, 'GET', `/assemblies/${PUBLIC}`)).json.assembly.visibility).toBe('published');
    await screenshot(a, 'assembly-sharing-owner');

    // Bo: the published one is there, the private one is not, in the API and in the catalog.
    const b = bo.page;
    const listed = (await call(bo, 'GET', '/assemblies')).json.assemblies.map((x: { id: string }) => x.id);
    expect(listed).toContain(PUBLIC);
    expect(listed).not.toContain(SECRET);
    expect(await catalogIds(b)).toEqual([PUBLIC]);
    await screenshot(b, 'assembly-sharing-catalog');
    expect(await b.getByTestId(`assembly-row-${PUBLIC}`).textContent()).toMatch(/Static site.*v1.*Published/);
    await b.getByTestId('assembly-filter-shared').click();
    expect(await b.locator('[data-testid^="assembly-row-"]').count()).toBe(0);
    await b.getByTestId('assembly-filter-published').click();
    await b.getByTestId(`assembly-link-${PUBLIC}`).click();
    await b.waitForURL(new RegExp(`/catalog/assemblies/${PUBLIC}$`));
    expect(await b.getByTestId('assembly-owner').textContent()).toContain(`Owned by Admin (${ada.email})`);
    await b.getByTestId('sharing-readonly').waitFor();
    expect(await b.getByTestId('sharing-panel').count()).toBe(0);
    expect(await b.getByTestId('delete-assembly').count()).toBe(0);
    expect(await b.getByRole('button', { name: /Delete|Save sharing/ }).count()).toBe(0);
    await screenshot(b, 'assembly-sharing-reader');

    // The private one is not found at its address either.
    const hidden = await b.goto(`${url}/catalog/assemblies/${SECRET}`);
    expect(hidden?.status()).toBe(404);
    await b.getByTestId('assembly-not-found').waitFor();
    expect(await b.content()).not.toContain('Secret site');

    // The API refuses him changes: 403 on what he can see, 404 on what he cannot.
    expect((await call(bo, 'PUT', `/assemblies/${PUBLIC}/sharing`, { visibility: 'private' })).status).toBe(403);
    expect((await call(bo, 'DELETE', `/assemblies/${PUBLIC}`)).status).toBe(403);
    expect((await call(bo, 'PUT', `/assemblies/${SECRET}/sharing`, { visibility: 'published' })).status).toBe(404);
    expect((await call(ada, 'GET', `/assemblies/${PUBLIC}`)).json.assembly.visibility).toBe('published');

    // He places it in a VDC of his own; his catalog row names that VDC under version 1.
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'bo-site', appliances: [{ name: 'site', class: `${PUBLIC}@1` }], connections: [] };
    const created = await call(bo, 'POST', '/vdcs', { manifest });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const secretPlaced = await call(bo, 'POST', '/vdcs', { manifest: { ...manifest, name: 'bo-secret', appliances: [{ name: 'site', class: `${SECRET}@1` }] } });
    expect(secretPlaced.status).toBe(400);
    expect(secretPlaced.json.error.issues[0].message).toBe(`assembly "${SECRET}@1" is not shared with you`);
    await catalogIds(b);
    const used = b.getByTestId(`assembly-used-${PUBLIC}`);
    expect(await used.textContent()).toMatch(/v1:\s*bo-site/);
    expect(await used.getByRole('link', { name: 'bo-site' }).getAttribute('href')).toBe('/vdcs/bo-site');

    // Ada makes it private again: it leaves Bo's catalog, and its page is a 404 for him.
    await a.reload();
    await a.getByTestId('sharing-private').check();
    await a.getByTestId('sharing-save').click();
    await expect.poll(async () => a.getByTestId('sharing-status').textContent()).toContain('Private');
    expect(await catalogIds(b)).toEqual([]);
    expect((await b.goto(`${url}/catalog/assemblies/${PUBLIC}`))?.status()).toBe(404);
    expect((await call(bo, 'GET', '/assemblies')).json.assemblies).toEqual([]);
  });

  it('shows an older version, shares with a named user, and deletes it while his VDC keeps its version', async () => {
    const TEAM = 'team-site';
    const a = ada.page;
    const b = bo.page;
    onTestFailed(async () => {
      await screenshot(a, 'assembly-versions-failed-owner').catch(() => undefined);
      await screenshot(b, 'assembly-versions-failed-reader').catch(() => undefined);
    });
    const first = await call(ada, 'POST', '/assemblies', { assembly: definition(TEAM, 'Team site'), note: 'first cut' });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const three = { ...definition(TEAM, 'Team site'), appliances: [{ name: 'web', class: 'web-static', replicas: 3 }, { name: 'files', class: 'nas' }] };
    const second = await call(ada, 'POST', '/assemblies', { assembly: three, note: 'three web servers' });
    expect(second.status, JSON.stringify(second.json)).toBe(201);

    // The latest version's interior by default; version 1's from its row.
    await a.goto(`${url}/catalog/assemblies/${TEAM}`);
    expect(await a.getByTestId('interior-appliance-web').textContent()).toMatch(/web\s*web-static@1\s*3/);
    expect(await a.getByTestId('assembly-version-2').textContent()).toMatch(/v2\s*latest\s*three web servers/);
    expect(await a.getByTestId('assembly-ref').textContent()).toBe(`class: ${TEAM}@2`);
    await a.getByRole('link', { name: 'Show the interior of version 1' }).click();
    await a.waitForURL(/\?version=1$/);
    expect(await a.getByTestId('assembly-interior').getAttribute('data-version')).toBe('1');
    expect(await a.getByTestId('interior-appliance-web').textContent()).toMatch(/web\s*web-static@1\s*2/);
    expect(await a.getByTestId('assembly-ref').textContent()).toBe(`class: ${TEAM}@1`);

    // Shared with Bo by his e-mail.
    await a.getByTestId('sharing-shared').check();
    await a.getByTestId('sharing-email').fill(bo.email);
    await a.getByTestId('sharing-add').click();
    await a.getByTestId('sharing-save').click();
    await expect.poll(async () => a.getByTestId('sharing-status').textContent()).toContain(`Shared with ${bo.email}`);
    expect((await call(ada, 'GET', `/assemblies/${TEAM}`)).json.assembly.sharedWith.map((u: { email: string }) => u.email)).toEqual([bo.email]);

    // Bo finds it under "Shared with me" and places version 1.
    expect(await catalogIds(b)).toEqual([TEAM]);
    await b.getByTestId('assembly-filter-published').click();
    expect(await b.locator('[data-testid^="assembly-row-"]').count()).toBe(0);
    await b.getByTestId('assembly-filter-shared').click();
    expect(await b.getByTestId(`assembly-row-${TEAM}`).textContent()).toMatch(/Team site.*v2.*2.*Shared/);
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'bo-team', appliances: [{ name: 'site', class: `${TEAM}@1` }], connections: [] };
    expect((await call(bo, 'POST', '/vdcs', { manifest })).status).toBe(201);

    // Ada deletes it from its page, after a confirmation that says VDCs using it keep working.
    await a.getByTestId('delete-assembly').click();
    const dialog = a.getByTestId('delete-assembly-dialog');
    expect(await dialog.textContent()).toContain('keep working');
    await dialog.getByTestId('confirm-button').click();
    await a.waitForURL(/\/catalog$/);
    expect((await call(ada, 'GET', `/assemblies/${TEAM}`)).status).toBe(404);

    // Gone from Bo's catalog; his VDC still has the version it places.
    expect(await catalogIds(b)).toEqual([]);
    expect((await call(bo, 'GET', `/assemblies/${TEAM}/versions/1`)).status).toBe(200);
    expect((await call(bo, 'GET', '/vdcs/bo-team')).status).toBe(200);
  });
});
