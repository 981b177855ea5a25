// Roles and quotas over HTTP: `GET /me` shows the caller's own quota and usage; only an admin
// lists users and sets a quota; a quota failure is an `invalid_manifest` 400 with the path.
import { createApiToken, createUser } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as me from '../me/route';
import * as validate from '../validate/route';
import * as vdcs from '../vdcs/route';
import * as quota from './[id]/quota/route';
import * as users from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let adminToken: string;
let userToken: string;
let userEmail: string;
beforeAll(async () => {
  t = await setupControlTest('web-users');
  const admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  adminToken = (await createApiToken(admin.id, 'admin')).token;
  const user = await t.user();
  userEmail = user.email;
  userToken = (await createApiToken(user.id, 'cli')).token;
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, opts: { token?: string | null; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = opts.token === undefined ? userToken : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
}

describe('users and quotas', () => {
  it('refuses every new route without credentials', async () => {
    expect((await call(users.GET as Handler, 'GET', '/users', { token: null })).status).toBe(401);
    const params = { id: userEmail };
    expect((await call(quota.GET as Handler, 'GET', '/users/x/quota', { token: null, params })).status).toBe(401);
    expect((await call(quota.PUT as Handler, 'PUT', '/users/x/quota', { token: null, params, body: {} })).status).toBe(401);
  });

  it('keeps listing users and setting quotas to admins (403 otherwise)', async () => {
    const list = await call(users.GET as Handler, 'GET', '/users');
    expect(list.status).toBe(403);
    expect(list.json.error.code).toBe('forbidden');
    const set = await call(quota.PUT as Handler, 'PUT', '/users/x/quota', { params: { id: userEmail }, body: { containers: 999 } });
    expect(set.status).toBe(403);

    const all = await call(users.GET as Handler, 'GET', '/users', { token: adminToken });
    expect(all.status).toBe(200);
    expect(all.json.users.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual(
      expect.arrayContaining([[userEmail, 'user']]),
    );
  });

  it('lets an admin set a quota by email that the user then sees on /me and meets at validation', async () => {
    const set = await call(quota.PUT as Handler, 'PUT', '/users/x/quota', {
      token: adminToken,
      params: { id: encodeURIComponent(userEmail) },
      body: { containers: 2, memory: '1Gi' },
    });
    expect(set.status).toBe(200);
    expect(set.json.quota.overrides).toMatchObject({ containers: 2, memory: 1024 ** 3, cpu: null });

    const mine = await call(me.GET as Handler, 'GET', '/me');
    expect(mine.json.user).toMatchObject({ email: userEmail, role: 'user' });
    expect(mine.json.quota.limits).toMatchObject({ containers: 2, memory: 1024 ** 3 });
    expect(mine.json.quota.usage).toEqual({ appliances: 0, containers: 0, cpu: 0, memory: 0, hostPorts: 0 });

    const manifest = manifestOf('big', [{ name: 'box', class: 'sleeper', replicas: 3 }]);
    const verdict = await call(validate.POST as Handler, 'POST', '/validate', { body: { manifest } });
    expect(verdict.json.errors).toMatchObject([{ path: 'appliances[0].replicas', message: 'quota exceeded: 3 of 2 containers', severity: 'error', field: 'replicas' }]);
    const saved = await call(vdcs.POST as Handler, 'POST', '/vdcs', { body: { manifest } });
    expect(saved.status).toBe(400);
    expect(saved.json.error).toMatchObject({ code: 'invalid_manifest', issues: [{ path: 'appliances[0].replicas' }] });

    const bad = await call(quota.PUT as Handler, 'PUT', '/users/x/quota', { token: adminToken, params: { id: userEmail }, body: { cpu: 'many' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^cpu: /);
  });
});
