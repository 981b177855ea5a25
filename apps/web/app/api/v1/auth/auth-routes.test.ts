// Accounts over HTTP through the real route handlers, real Postgres and Redis: first-run setup,
// sign-in with its rate limit, the session cookie on the API and its same-origin rule, sign-out.
import { createApiToken, createSession } from '@colo/control';
import { getPrisma } from '@colo/db';
import { type ControlTest, manifestOf, setupControlTest, useCheapPasswordHashes } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_HEADER, trustPeerHeader } from '../../../../lib/client-address';
import * as me from '../me/route';
import * as tokens from '../tokens/route';
import * as vdc from '../vdcs/[name]/route';
import * as vdcs from '../vdcs/route';
import * as login from './login/route';
import * as logout from './logout/route';
import * as setup from './setup/route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

const ORIGIN = 'http://127.0.0.1:3000';

// The routes, not the hash: cheap scrypt here; control's sign-in-cost.test.ts tests the real cost.
beforeAll(() => useCheapPasswordHashes());
let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('web-auth');
  // In-process requests have no socket: the tests play instrumentation.ts and stamp the address.
  trustPeerHeader();
});
afterAll(async () => {
  await t?.teardown();
});

interface CallOptions {
  body?: unknown;
  cookie?: string;
  token?: string;
  origin?: string | null;
  /** The socket address the request came from. */
  ip?: string;
  /** What the client claims in X-Forwarded-For. */
  forwardedFor?: string;
  host?: string;
  params?: Record<string, string>;
}

async function call(handler: Handler, method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', host: opts.host ?? '127.0.0.1:3000' };
  if (opts.cookie) headers.cookie = `colo_session=${opts.cookie}`;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // Browsers send Origin on every non-GET request; null leaves it out, as a script would.
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null && method !== 'GET') headers.origin = origin;
  if (opts.ip) headers[PEER_HEADER] = opts.ip;
  if (opts.forwardedFor) headers['x-forwarded-for'] = opts.forwardedFor;
  const req = new Request(`${ORIGIN}/api/v1${path}`, {
    method,
    headers,
    body: method === 'GET' || method === 'DELETE' || opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as any };
}

function sessionFrom(res: { headers: Headers }): string {
  const cookie = res.headers.get('set-cookie') ?? '';
  const m = /colo_session=([^;]*)/.exec(cookie);
  if (!m?.[1]) throw new Error(`no session cookie in "${cookie}"`);
  return decodeURIComponent(m[1]);
}

const ADMIN = { email: 'admin@colo.test', name: 'Ada Admin', password: 'a long admin password' };

describe('first-run setup', () => {
  it('creates the admin once, signs them in with an httpOnly cookie, and refuses afterwards', async () => {
    const weak = await call(setup.POST as Handler, 'POST', '/auth/setup', { body: { ...ADMIN, password: 'short' } });
    expect(weak.status).toBe(400);

    const first = await call(setup.POST as Handler, 'POST', '/auth/setup', { body: ADMIN });
    expect(first.status).toBe(201);
    expect(first.json.user).toMatchObject({ email: ADMIN.email, name: ADMIN.name });
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^colo_session=cses_[a-z0-9]{40};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=1209\d{3}/);
    expect(cookie).not.toMatch(/Secure/);

    const whoami = await call(me.GET as Handler, 'GET', '/me', { cookie: sessionFrom(first) });
    expect(whoami.json.user.email).toBe(ADMIN.email);

    const again = await call(setup.POST as Handler, 'POST', '/auth/setup', { body: { ...ADMIN, email: 'second@colo.test' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_set_up');
  });

  it('refuses setup for a Host that is not Colo’s own (DNS rebinding), creating nothing', async () => {
    await getPrisma().user.deleteMany({ where: { email: 'rebound@colo.test' } });
    const res = await call(setup.POST as Handler, 'POST', '/auth/setup', {
      body: { ...ADMIN, email: 'rebound@colo.test' },
      host: 'evil.test:3000',
      origin: 'http://evil.test:3000',
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
    expect(res.json.error.message).toContain('COLO_PUBLIC_URL');
    expect(await getPrisma().user.count({ where: { email: 'rebound@colo.test' } })).toBe(0);
  });

  it('refuses a setup posted from another site’s page', async () => {
    const res = await call(setup.POST as Handler, 'POST', '/auth/setup', { body: ADMIN, origin: 'https://evil.test' });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
  });
});

describe('sign-in', () => {
  it('answers the user and a cookie for the right password, 401 otherwise', async () => {
    const ok = await call(login.POST as Handler, 'POST', '/auth/login', { body: { email: 'ADMIN@colo.test', password: ADMIN.password }, ip: '10.9.0.1' });
    expect(ok.status).toBe(200);
    expect(ok.json.user.email).toBe(ADMIN.email);
    expect((await call(me.GET as Handler, 'GET', '/me', { cookie: sessionFrom(ok) })).status).toBe(200);

    const wrong = await call(login.POST as Handler, 'POST', '/auth/login', { body: { email: ADMIN.email, password: 'not it at all' }, ip: '10.9.0.1' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const nobody = await call(login.POST as Handler, 'POST', '/auth/login', { body: { email: 'nobody@colo.test', password: 'whatever pw' }, ip: '10.9.0.1' });
    expect(nobody.status).toBe(401);
    expect(nobody.json.error.message).toBe(wrong.json.error.message);
  });

  it('slows an email from the address that floods it: 429 with retryAfter and Retry-After, even for the right password', async () => {
    const body = { email: ADMIN.email, password: 'guessing wrong' };
    for (let i = 0; i < 10; i++) {
      // Rotating X-Forwarded-For does not make a new address: nobody vouches for it.
      const res = await call(login.POST as Handler, 'POST', '/auth/login', { body, ip: '10.8.0.1', forwardedFor: `6.6.6.${i}` });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await call(login.POST as Handler, 'POST', '/auth/login', { body: { ...body, password: ADMIN.password }, ip: '10.8.0.1', forwardedFor: '6.6.7.7' });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(limited.json.error.retryAfter).toBeGreaterThan(800);
    expect(limited.json.error.retryAfter).toBeLessThanOrEqual(900);
    expect(limited.headers.get('retry-after')).toBe(String(limited.json.error.retryAfter));
    // The owner, from their own address, is not locked out.
    const owner = await call(login.POST as Handler, 'POST', '/auth/login', { body: { email: ADMIN.email, password: ADMIN.password }, ip: '10.8.2.1' });
    expect(owner.status).toBe(200);
  });
});

describe('the session cookie on the API', () => {
  it('is accepted on reads and on same-origin changes, refused on changes from elsewhere', async () => {
    const user = await t.user();
    const { token: cookie } = await createSession(user.id);
    const body = { manifest: manifestOf('cookie-made', []) };

    expect((await call(vdcs.GET as Handler, 'GET', '/vdcs', { cookie })).status).toBe(200);
    const cross = await call(vdcs.POST as Handler, 'POST', '/vdcs', { cookie, body, origin: 'http://evil.test' });
    expect(cross.status).toBe(403);
    expect(cross.json.error.code).toBe('forbidden');
    const lookalike = await call(vdcs.POST as Handler, 'POST', '/vdcs', { cookie, body, origin: 'http://127.0.0.1:3000.evil.test' });
    expect(lookalike.status).toBe(403);
    const noOrigin = await call(vdcs.POST as Handler, 'POST', '/vdcs', { cookie, body, origin: null });
    expect(noOrigin.status).toBe(403);
    expect((await call(vdcs.GET as Handler, 'GET', '/vdcs', { cookie })).json.vdcs).toEqual([]);

    const made = await call(vdcs.POST as Handler, 'POST', '/vdcs', { cookie, body });
    expect(made.status).toBe(201);
    // An empty VDC is a valid start: the editor fills it.
    expect(made.json.vdc).toMatchObject({ name: 'cookie-made', revision: 1 });
    const del = await call(vdc.DELETE as Handler, 'DELETE', '/vdcs/cookie-made', { cookie, params: { name: 'cookie-made' }, origin: 'http://evil.test' });
    expect(del.status).toBe(403);
  });

  it('lets a bearer token change things without an Origin, and a bad bearer is 401 even with a good cookie', async () => {
    const user = await t.user();
    const { token } = await createApiToken(user.id, 'script');
    const { token: cookie } = await createSession(user.id);
    const res = await call(vdcs.POST as Handler, 'POST', '/vdcs', { token, body: { manifest: manifestOf('scripted', []) }, origin: null });
    expect(res.status).toBe(201);
    expect((await call(me.GET as Handler, 'GET', '/me', { token: 'colo_wrong', cookie })).status).toBe(401);
  });

  it('is refused once expired, and renewed in the answer when it has aged', async () => {
    const user = await t.user();
    const expired = await createSession(user.id, -1000);
    expect((await call(me.GET as Handler, 'GET', '/me', { cookie: expired.token })).status).toBe(401);
    const aged = await createSession(user.id, 24 * 3600_000);
    const res = await call(me.GET as Handler, 'GET', '/me', { cookie: aged.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/colo_session=cses_.*Max-Age=1209\d{3}/);
  });
});

describe('sign-out', () => {
  it('ends the session and clears the cookie', async () => {
    const user = await t.user();
    const { token: cookie } = await createSession(user.id);
    const out = await call(logout.POST as Handler, 'POST', '/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^colo_session=; .*Max-Age=0/);
    expect((await call(me.GET as Handler, 'GET', '/me', { cookie })).status).toBe(401);
    expect((await call(tokens.GET as Handler, 'GET', '/tokens', { cookie })).status).toBe(401);
    // Signing out again (a dead cookie) still clears it.
    const again = await call(logout.POST as Handler, 'POST', '/auth/logout', { cookie });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('cannot be forced on a user by another site', async () => {
    const user = await t.user();
    const { token: cookie } = await createSession(user.id);
    expect((await call(logout.POST as Handler, 'POST', '/auth/logout', { cookie, origin: 'http://evil.test' })).status).toBe(403);
    expect((await call(me.GET as Handler, 'GET', '/me', { cookie })).status).toBe(200);
  });
});
