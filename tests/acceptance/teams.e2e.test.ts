// Teams and roles in real Chromium. Ada (the installation's admin) makes team "acme" on the Teams
// page and an operator invitation link there, shown once. Bo (a plain user made through control)
// opens the link signed out: the sign-in page sends him back to it, he sees the team and role,
// accepts, lands on the team and finds its VDC in his list (with its team) and in the editor.
// Ada makes him a viewer: his editor is read only (Deploy/Save/Stop/Destroy disabled, saying
// why) and the API refuses his deploy with a 403. Cy, in no team of Ada's, opening the VDC's page
// (by name and as name@team) or the team's page gets the not-found page with nothing of either
// in the HTML, and 404s from the API. No container runs here, so no worker is started.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { configureControl, createApiToken, createUser, shutdownControl } from '@colo/control';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, freePort, instance, ROOT, type Service, startWeb } from './harness';

interface Account {
  email: string;
  password: string;
  token: string;
}

let db: TestDatabase;
let web: Service;
let browser: Browser;
let url: string;
let ada: Account;
let bo: Account;
let cy: Account;
const contexts: BrowserContext[] = [];

const SLUG = `acme-${instance.slice(-6)}`;
const MANIFEST = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
  appliances: [{ name: 'frontdoor', class: 'web-static' }],
};

async function call(who: Account, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** The installation's first user (a Colo admin) with a token and a password, as scripts/up.sh makes it. */
function bootstrapAdmin(email: string, env: NodeJS.ProcessEnv): Account {
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bootstrap-admin.ts', '--email', email, '--json', '--no-cli-config'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { email, ...(JSON.parse(out) as { token: string; password: string }) };
}

/** A plain user (no Colo admin), made through control as an admin would. */
async function plainUser(email: string): Promise<Account> {
  const password = `pw-${instance}-${email}`;
  const user = await createUser({ email, name: email.split('@')[0], password, role: 'user' });
  const { token } = await createApiToken(user.id, 'teams e2e', { scope: 'admin' });
  return { email, password, token };
}

async function newPage(): Promise<Page> {
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  contexts.push(context);
  return context.newPage();
}

/** Signs in through the real sign-in page (wherever the app sent the browser). */
async function signInHere(page: Page, who: Account): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: /sign in/i }).click();
}

async function signedIn(who: Account): Promise<Page> {
  const page = await newPage();
  await page.goto(`${url}/login`);
  await signInHere(page, who);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

beforeAll(async () => {
  db = await createTestDatabase('teams_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  ada = bootstrapAdmin('ada@colo.test', env);
  configureControl(env);
  bo = await plainUser('bo@colo.test');
  cy = await plainUser('cy@colo.test');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, env);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await web?.kill('SIGTERM');
  await shutdownControl();
  await cleanupInstance();
  await db?.drop();
});

describe('teams and roles in the browser', () => {
  it('invites by link, accepts after signing in, shows the team VDC, makes a viewer read only and hides it from outsiders', async () => {
    const pages: Page[] = [];
    onTestFailed(async () => {
      for (const [i, p] of pages.entries()) await screenshot(p, `teams-failed-${i}`).catch(() => undefined);
      console.error(`web output:\n${web.output().slice(-4000)}`);
    });

    // Ada: a VDC of her own first, so the list has rows and her two teams show in it.
    expect((await call(ada, 'POST', '/vdcs', { manifest: { ...MANIFEST, name: 'blog' } })).status).toBe(201);
    const adaPage = await signedIn(ada);
    pages.push(adaPage);
    await adaPage.goto(`${url}/teams`);
    await adaPage.getByRole('link', { name: 'Teams' }).first().waitFor();
    await adaPage.getByTestId('team-slug').fill(SLUG);
    await adaPage.getByTestId('team-name').fill('Acme Inc');
    await adaPage.getByTestId('create-team').click();
    await adaPage.waitForURL(`${url}/teams/${SLUG}`);
    await expect.poll(() => adaPage.getByTestId('my-team-role').textContent()).toBe('admin');

    // An operator link for three days, shown once with its Copy button.
    await adaPage.getByTestId('invite-role').selectOption('operator');
    await adaPage.getByTestId('invite-hours').selectOption('72');
    await adaPage.getByTestId('create-invite').click();
    const link = (await adaPage.getByTestId('invite-link').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${url}/invite/[A-Za-z0-9_-]+$`));
    await adaPage.getByTestId('copy-invite-link').waitFor();
    await expect.poll(() => adaPage.getByTestId('invite-state').first().textContent()).toBe('open');

    // The team's VDC, made in the create dialog with the team chosen: it opens as shop@team.
    await adaPage.goto(`${url}/vdcs`);
    await adaPage.getByTestId('create-vdc').click();
    await adaPage.getByTestId('create-vdc-name').fill('shop');
    await adaPage.getByTestId('create-vdc-team').selectOption(SLUG);
    await adaPage.getByTestId('create-vdc-submit').click();
    await adaPage.waitForURL(`${url}/vdcs/shop@${SLUG}`);
    const shop = await call(ada, 'GET', `/vdcs/shop%40${SLUG}`);
    expect(shop.status, 'an encoded @ reaches the VDC too').toBe(200);
    expect(shop.json.vdc.team).toMatchObject({ slug: SLUG, name: 'Acme Inc', personal: false, role: 'admin' });
    expect((await call(ada, 'PUT', `/vdcs/shop@${SLUG}`, { manifest: MANIFEST, baseRevision: shop.json.revision.number })).status).toBe(200);
    await adaPage.goto(`${url}/vdcs`);
    await expect.poll(() => adaPage.getByTestId('vdc-team-shop').textContent()).toContain('Acme Inc');
    await adaPage.getByTestId('vdc-team-filter').selectOption(SLUG);
    await expect.poll(() => adaPage.locator('[data-testid^="vdc-row-"]').count()).toBe(1);

    // Bo, signed out, opens the link: sign in first, then back on it.
    const boPage = await newPage();
    pages.push(boPage);
    await boPage.goto(link);
    await boPage.waitForURL((u) => u.pathname === '/login');
    expect(new URL(boPage.url()).searchParams.get('next')).toBe(new URL(link).pathname);
    await signInHere(boPage, bo);
    await boPage.waitForURL(link);
    await expect.poll(() => boPage.getByTestId('invite-team').textContent()).toContain('Acme Inc');
    expect(await boPage.getByTestId('invite-role-badge').textContent()).toBe('operator');
    await boPage.getByTestId('accept-invite').click();
    await boPage.waitForURL(`${url}/teams/${SLUG}`);
    await expect.poll(() => boPage.getByTestId('my-team-role').textContent()).toBe('operator');
    expect(await boPage.getByTestId('create-invite').count(), 'invitations are for admins').toBe(0);

    // His list has the team's VDC, with the team; the editor offers him Deploy.
    await boPage.goto(`${url}/vdcs`);
    await expect.poll(() => boPage.getByTestId('vdc-team-shop').textContent()).toContain('Acme Inc');
    await boPage.getByTestId('vdc-row-shop').getByRole('link', { name: 'shop', exact: true }).click();
    await boPage.getByText('frontdoor').first().waitFor();
    expect(await boPage.getByTestId('read-only-badge').count()).toBe(0);

    // The link is spent; Ada's list says who used it.
    await adaPage.goto(`${url}/teams/${SLUG}`);
    await expect.poll(() => adaPage.getByTestId('invite-state').first().textContent()).toBe('accepted by bo@colo.test');
    expect(await adaPage.getByTestId('member-row-bo@colo.test').textContent()).toContain('bo@colo.test');
    await screenshot(adaPage, 'teams-team-page');
    expect((await call(cy, 'POST', '/invites/accept', { token: link.split('/').pop() })).status).toBe(400);

    // Ada makes Bo a viewer: his editor is read only, and the API refuses his deploy.
    await adaPage.getByTestId('member-role-bo@colo.test').selectOption('viewer');
    await expect.poll(async () => (await call(ada, 'GET', `/teams/${SLUG}`)).json.team.memberList.find((m: { email: string }) => m.email === 'bo@colo.test')?.role).toBe('viewer');
    await boPage.goto(`${url}/vdcs/shop`);
    await boPage.getByTestId('read-only-badge').waitFor();
    expect(await boPage.getByTestId('viewer-deploy').getAttribute('title')).toMatch(/^viewers cannot deploy/);
    for (const verb of ['deploy', 'save', 'stop', 'destroy']) expect(await boPage.getByTestId(`${verb}-button-disabled`).isDisabled()).toBe(true);
    expect(await boPage.getByTestId('deploy-button').count()).toBe(0);
    expect(await boPage.getByPlaceholder('Search classes…').count(), 'a viewer has no palette to add from').toBe(0);
    // The inspector's fields are shown but disabled, and say why.
    expect(await boPage.getByTestId('inspector-read-only').textContent()).toMatch(/viewers cannot change/);
    expect(await boPage.getByTestId('inspector').locator('fieldset').first().evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    const refused = await call(bo, 'POST', '/vdcs/shop/deploy', {});
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/operator/);
    await screenshot(boPage, 'teams-viewer-editor');

    // Cy is in none of Ada's teams: the pages are the not-found ones with nothing of them in.
    const cyPage = await signedIn(cy);
    pages.push(cyPage);
    for (const ref of ['shop', `shop@${SLUG}`]) {
      await cyPage.goto(`${url}/vdcs/${ref}`);
      await cyPage.getByText(`No VDC named “${ref}”`).waitFor();
      const html = await cyPage.content();
      for (const secret of ['frontdoor', 'Acme Inc', shop.json.vdc.id, 'web-static']) expect(html, `${ref} page leaks ${secret}`).not.toContain(secret);
      expect((await call(cy, 'GET', `/vdcs/${ref}`)).status).toBe(404);
    }
    const teamPage = await cyPage.goto(`${url}/teams/${SLUG}`);
    expect(teamPage?.status()).toBe(404);
    await cyPage.getByText('No such team of yours').waitFor();
    expect(await cyPage.content()).not.toContain('Acme Inc');
    expect((await call(cy, 'GET', `/teams/${SLUG}`)).status).toBe(404);
    await cyPage.goto(`${url}/vdcs`);
    await cyPage.getByRole('heading', { name: 'Virtual datacenters' }).waitFor();
    expect(await cyPage.getByTestId('vdc-row-shop').count()).toBe(0);
  }, 600_000);
});
