// The accessibility sweep (issue 11): axe-core, injected into every page of the web app in real
// Chromium, finds no serious or critical violation. The page list is derived from the app's
// folders (app/(app) and app/(auth)), so a new page without an entry here fails the sweep
// instead of going unchecked. The editor is checked with Problems showing an error too.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { launchBrowser, tolerateLoad } from './browser';
import { type Service, baseEnv, freePort, ROOT, startWeb } from './harness';

/** axe-core's whole script, injected into each page (it runs there, not in Node). */
const AXE_SOURCE = axe.source;
const APP = path.join(ROOT, 'apps/web/app');

let db: TestDatabase;
let web: Service;
let browser: Browser;
let signedIn: BrowserContext;
let anonymous: BrowserContext;
let url: string;
let cookie: string;
let inviteToken: string;
let teamSlug: string;

async function call(method: string, p: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${p}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Every page.tsx under a route group, as its route pattern (`/vdcs/[name]/history`). */
async function routesOf(group: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(APP, group, rel), { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(path.join(rel, entry.name));
      else if (entry.name === 'page.tsx') out.push(`/${rel.split(path.sep).filter(Boolean).join('/')}`);
    }
  };
  await walk('');
  return out.sort();
}

/** The route patterns, each with the concrete address it is checked at and what shows it is ready. */
function address(route: string): { path: string; ready?: string } {
  const concrete: Record<string, { path: string; ready?: string }> = {
    '/vdcs/[name]': { path: '/vdcs/sweep', ready: '[data-testid="node-web"]' },
    '/vdcs/[name]/alerts': { path: '/vdcs/sweep/alerts' },
    '/vdcs/[name]/appliances/[appliance]': { path: '/vdcs/sweep/appliances/web' },
    '/vdcs/[name]/history': { path: '/vdcs/sweep/history' },
    '/vdcs/[name]/logs': { path: '/vdcs/sweep/logs' },
    '/vdcs/[name]/metrics': { path: '/vdcs/sweep/metrics' },
    '/classes/[id]': { path: '/classes/web-php' },
    '/catalog/assemblies/[id]': { path: '/catalog/assemblies/lamp-cluster' },
    '/teams/[slug]': { path: `/teams/${teamSlug}` },
    '/invite/[token]': { path: `/invite/${inviteToken}` },
  };
  if (concrete[route]) return concrete[route];
  if (route.includes('[')) throw new Error(`the a11y sweep has no address for ${route}: add one to address()`);
  return { path: route };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const inPage = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await inPage.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}${n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, '\n    ')}` : ''}`));
}

async function check(context: BrowserContext, target: { path: string; ready?: string }): Promise<string[]> {
  const page = await context.newPage();
  try {
    await page.goto(`${url}${target.path}`, { waitUntil: 'load' });
    if (target.ready) await page.locator(target.ready).first().waitFor();
    // Client pages fetch their data after load: let it arrive and render.
    await page.waitForTimeout(1500);
    return (await seriousViolations(page)).map((v) => `${target.path}: ${v}`);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('a11y_e2e');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'ally@colo.test', name: 'Ally', password: 'a long enough password' }),
  });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  const manifest = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'sweep',
    appliances: [
      { name: 'lb', class: 'halb' },
      // Above the class's maximum: Problems lists it, the node carries its badge.
      { name: 'web', class: 'web-php', resources: { memory: '5Gi' } },
    ],
    connections: [{ from: 'lb.out', to: 'web.in' }],
    visual: { lb: { x: 0, y: 0 }, web: { x: 320, y: 0 } },
  };
  expect((await call('POST', '/vdcs', { manifest: { ...manifest, appliances: [manifest.appliances[0], { name: 'web', class: 'web-php' }] } })).status).toBe(201);
  expect((await call('PUT', '/vdcs/sweep', { manifest, baseRevision: 1, draft: true })).status).toBe(200);
  const team = await call('POST', '/teams', { slug: 'sweepers', name: 'Sweepers' });
  expect(team.status).toBe(201);
  teamSlug = 'sweepers';
  const invite = await call('POST', `/teams/${teamSlug}/invites`, { role: 'viewer' });
  expect(invite.status).toBe(201);
  inviteToken = invite.json.token;
  browser = await launchBrowser();
  signedIn = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const [name, value] = cookie.split('=');
  await signedIn.addCookies([{ name, value, url }]);
  anonymous = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await signedIn?.close();
  await anonymous?.close();
  await browser?.close();
  await web?.kill('SIGTERM');
  await db?.drop();
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on any page', async () => {
    const app = await routesOf('(app)');
    const auth = await routesOf('(auth)');
    expect(app.length).toBeGreaterThan(15);
    expect(auth).toEqual(['/login', '/setup']);
    const found: string[] = [];
    for (const route of app) found.push(...(await check(signedIn, address(route))));
    // Signed out: the sign-in page (setup is done, so /setup says so or sends there).
    for (const route of auth) found.push(...(await check(anonymous, address(route))));
    expect(found).toEqual([]);
  });

  it('finds none in the editor with Problems open on an error and the inspector on its field', async () => {
    const page = await signedIn.newPage();
    try {
      await page.goto(`${url}/vdcs/sweep`);
      await page.getByTestId('node-web').click();
      await page.getByTestId('node-problems-web').waitFor();
      await page.locator('[data-testid="problem-item"][data-severity="error"]').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
