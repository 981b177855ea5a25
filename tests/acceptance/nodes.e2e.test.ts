// The nodes page in real Chromium on a single host (the shared Docker engine, never made a swarm
// here). Ada (the installation's admin) finds "Nodes" in her menu; the page shows this machine
// with Docker's own CPU and memory figures and explains what a swarm would bring, with an
// Initialise button whose confirmation she cancels (nothing changes on Docker). Bo, a plain
// user, has no such menu entry, gets the not-found page at /nodes and a 403 from the API.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { configureControl, createApiToken, createUser, shutdownControl } from '@colo/control';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, docker, freePort, instance, ROOT, type Service, startWeb } from './harness';

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
const contexts: BrowserContext[] = [];

async function call(who: Account, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function signedIn(who: Account): Promise<Page> {
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

interface SwarmInfo {
  Name: string;
  NCPU: number;
  MemTotal: number;
  Swarm: { LocalNodeState: string };
}

beforeAll(async () => {
  db = await createTestDatabase('nodes_e2e');
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bootstrap-admin.ts', '--email', 'ada@colo.test', '--json', '--no-cli-config'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  ada = { email: 'ada@colo.test', ...(JSON.parse(out) as { token: string; password: string }) };
  configureControl(env);
  const password = `pw-${instance}-bo`;
  const user = await createUser({ email: 'bo@colo.test', name: 'bo', password, role: 'user' });
  bo = { email: 'bo@colo.test', password, token: (await createApiToken(user.id, 'nodes e2e', { scope: 'admin' })).token };
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

describe('the nodes page on a single host', () => {
  it("shows an admin this machine and the way to a swarm, and is no page at all for anyone else", async () => {
    const pages: Page[] = [];
    onTestFailed(async () => {
      for (const [i, p] of pages.entries()) await screenshot(p, `nodes-failed-${i}`).catch(() => undefined);
      console.error(`web output:\n${web.output().slice(-4000)}`);
    });
    const info = (await docker.info()) as SwarmInfo;
    // The premise: this test runs on a single host, and leaves it one.
    expect(info.Swarm.LocalNodeState).toBe('inactive');

    const adaPage = await signedIn(ada);
    pages.push(adaPage);
    await adaPage.getByTestId('user-menu').click();
    await adaPage.getByTestId('menu-nodes').click();
    await adaPage.waitForURL((u) => u.pathname === '/nodes');
    const single = adaPage.getByTestId('nodes-single');
    await single.waitFor();
    expect(await single.getByTestId('single-host-name').textContent()).toBe(info.Name);
    expect(await single.getByTestId('single-host-cpus').textContent()).toBe(`${info.NCPU} CPU${info.NCPU === 1 ? '' : 's'}`);
    expect(await single.getByTestId('single-host-memory').textContent()).toBe(`${(info.MemTotal / 1024 ** 3).toFixed(1)} GiB`);
    expect(await adaPage.getByTestId('nodes-explanation').textContent()).toContain('Colo runs every VDC on this one machine');
    expect(await adaPage.getByTestId('node-table').count()).toBe(0);

    // Initialise asks first; cancelled, nothing happens to the shared engine.
    await adaPage.getByTestId('nodes-init').click();
    const dialog = adaPage.getByTestId('nodes-init-dialog');
    await dialog.getByText('Initialise a swarm on this machine?').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(adaPage, 'nodes-single-host');
    expect(((await docker.info()) as SwarmInfo).Swarm.LocalNodeState).toBe('inactive');
    const listed = await call(ada, 'GET', '/nodes');
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ status: { mode: 'single', host: { hostname: info.Name, cpus: info.NCPU } }, nodes: [] });

    // Bo is no admin: no menu entry, the not-found page, and 403 from the API.
    const boPage = await signedIn(bo);
    pages.push(boPage);
    await boPage.getByTestId('user-menu').click();
    await boPage.getByRole('menuitem', { name: 'Alerts' }).waitFor();
    expect(await boPage.getByTestId('menu-nodes').count()).toBe(0);
    const response = await boPage.goto(`${url}/nodes`);
    expect(response?.status()).toBe(404);
    expect(await boPage.getByTestId('nodes-single').count()).toBe(0);
    const refused = await call(bo, 'GET', '/nodes');
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe('only an admin may list nodes');
  });
});
