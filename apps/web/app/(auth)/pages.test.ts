// The pages through a real `next start` (the built app, proxy included) on a free 127.0.0.1 port:
// who gets sent where without a session, the first-run path, and the cookie rules as a browser
// meets them. Needs `next build` first (scripts/test.sh builds before testing).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = path.resolve(import.meta.dirname, '../..');

let t: ControlTest;
let server: ChildProcess | undefined;
let output = '';
let base = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(path.join(APP_DIR, '.next/BUILD_ID'))) throw new Error('apps/web is not built: run `npx next build` in apps/web first');
  t = await setupControlTest('web-pages');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${base}/api/v1/me`).then(
      (r) => r.status === 401,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not come up:\n${output}`);
}, 90_000);

afterAll(async () => {
  // The whole process group: next start forks a worker.
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
  await t?.teardown();
});

function get(pathname: string, cookie?: string) {
  return fetch(`${base}${pathname}`, { redirect: 'manual', headers: cookie ? { cookie: `colo_session=${cookie}` } : {} });
}

function post(pathname: string, body: unknown, opts: { cookie?: string; origin?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: opts.origin ?? base };
  if (opts.cookie) headers.cookie = `colo_session=${opts.cookie}`;
  return fetch(`${base}${pathname}`, { method: 'POST', redirect: 'manual', headers, body: JSON.stringify(body) });
}

function location(res: Response): string {
  const to = res.headers.get('location');
  if (!to) throw new Error(`expected a redirect, got ${res.status}`);
  const url = new URL(to, base);
  return `${url.pathname}${url.search}`;
}

const PAGES = ['/', '/overview', '/vdcs', '/vdcs/anything', '/vdcs/anything/history', '/entries', '/settings', '/settings/tokens'];
let cookie = '';

describe('before anyone exists', () => {
  it('sends every page to sign-in, and sign-in to first-run setup', async () => {
    for (const page of PAGES) {
      const res = await get(page);
      expect([302, 303, 307, 308], page).toContain(res.status);
      expect(location(res), page).toMatch(/^\/login/);
    }
    expect(location(await get('/settings/tokens'))).toBe('/login?next=%2Fsettings%2Ftokens');
    expect(location(await get('/login'))).toBe('/setup');
    const setup = await get('/setup');
    expect(setup.status).toBe(200);
    expect(await setup.text()).toContain('Welcome to Colo');
  });

  it('answers the API with 401, not a redirect', async () => {
    const res = await get('/api/v1/vdcs');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});

describe('after setup', () => {
  it('signs the admin in and closes /setup', async () => {
    const res = await post('/api/v1/auth/setup', { email: 'root@colo.test', name: 'Root', password: 'a long enough password' });
    expect(res.status).toBe(201);
    cookie = /colo_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(cookie).toMatch(/^cses_/);
    expect(location(await get('/setup'))).toBe('/login');
    expect((await post('/api/v1/auth/setup', { email: 'x@colo.test', name: 'X', password: 'a long enough password' })).status).toBe(409);
  });

  it('shows the app to a signed-in user and renews the cookie', async () => {
    const list = await get('/vdcs', cookie);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Build your first virtual datacenter');
    expect(html).toContain('Root');
    expect(list.headers.get('set-cookie')).toMatch(/colo_session=cses_.*Max-Age=1209600/);
    expect((await get('/settings/tokens', cookie)).status).toBe(200);
    const entries = await get('/entries', cookie);
    expect(entries.status).toBe(200);
    expect(await entries.text()).toContain('No entries yet');
    expect(location(await get('/', cookie))).toBe('/overview');
  });

  it('sends a signed-in visitor of /login on to where they were going, never off-site', async () => {
    expect(location(await get('/login?next=%2Fsettings%2Ftokens', cookie))).toBe('/settings/tokens');
    expect(location(await get('/login?next=https%3A%2F%2Fevil.test', cookie))).toBe('/overview');
    expect(location(await get('/login?next=%2F%2Fevil.test', cookie))).toBe('/overview');
  });

  it('sends a dead session to sign-in with the way back', async () => {
    const res = await get('/settings/tokens', 'cses_not_a_real_session_token_at_all_0000');
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(location(res)).toBe('/login?next=%2Fsettings%2Ftokens');
  });

  it('takes cookie changes from its own pages only', async () => {
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'from-browser', appliances: [] };
    const evil = await post('/api/v1/vdcs', { manifest }, { cookie, origin: 'http://evil.test' });
    expect(evil.status).toBe(403);
    const own = await post('/api/v1/vdcs', { manifest }, { cookie });
    expect(own.status).toBe(201);
    const list = await get('/vdcs', cookie);
    expect(await list.text()).toContain('from-browser');
  });

  it('signs out: the cookie is cleared and the pages close again', async () => {
    const out = await post('/api/v1/auth/logout', {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(location(await get('/overview', cookie))).toBe('/login');
    expect(location(await get('/vdcs', cookie))).toBe('/login?next=%2Fvdcs');
  });
});
