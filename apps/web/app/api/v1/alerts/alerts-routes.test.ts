// The alert routes through the real handlers and a real database: a VDC's rules are its owner's
// (another user gets 404), bad input is a 400 naming the field, the alerts list refuses an
// unknown state, and SMTP settings are an admin's only (403 for a user, even with an admin token).
import { createApiToken, createVdc } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as smtp from '../settings/smtp/route';
import * as rule from '../vdcs/[name]/alert-rules/[id]/route';
import * as rules from '../vdcs/[name]/alert-rules/route';
import * as all from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let otherToken: string;
let adminToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-alerts');
  const alice = await t.user();
  token = (await createApiToken(alice.id, 'test', { scope: 'admin' })).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  const admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  adminToken = (await createApiToken(admin.id, 'test', { scope: 'admin' })).token;
  await createVdc(alice, manifestOf('shop'));
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, params: Record<string, string>, body?: unknown, bearer = token) {
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (await res.json()) as any };
}

describe('alert routes', () => {
  it("adds, changes and removes a VDC's rule; refuses bad input naming the field; another user's VDC is 404", async () => {
    const bad = await call(rules.POST, 'POST', '/vdcs/shop/alert-rules', { name: 'shop' }, { kind: 'unhealthy', thresholdSeconds: -1 });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'bad_request', message: 'thresholdSeconds: must be 0 or more' } } });
    const made = await call(rules.POST, 'POST', '/vdcs/shop/alert-rules', { name: 'shop' }, { kind: 'unhealthy', thresholdSeconds: 5 });
    expect(made.status).toBe(201);
    const id = made.json.rule.id;
    expect((await call(rule.PATCH, 'PATCH', `/vdcs/shop/alert-rules/${id}`, { name: 'shop', id }, { enabled: false })).json.rule.enabled).toBe(false);
    const listed = await call(rules.GET, 'GET', '/vdcs/shop/alert-rules', { name: 'shop' });
    expect(listed.json.rules.map((r: { id: string }) => r.id)).toEqual(['default:flap_guard', 'default:oom', 'default:operation_failed', id]);
    expect((await call(rules.GET, 'GET', '/vdcs/shop/alert-rules', { name: 'shop' }, undefined, otherToken)).status).toBe(404);
    expect((await call(rule.DELETE, 'DELETE', `/vdcs/shop/alert-rules/${id}`, { name: 'shop', id }, undefined, otherToken)).status).toBe(404);
    expect((await call(rule.DELETE, 'DELETE', `/vdcs/shop/alert-rules/${id}`, { name: 'shop', id })).status).toBe(200);
  });

  it('lists the alerts with the unread count, and refuses an unknown state', async () => {
    expect(await call(all.GET, 'GET', '/alerts', {})).toMatchObject({ status: 200, json: { alerts: [], unread: 0 } });
    expect((await call(all.GET, 'GET', '/alerts?state=sleeping', {})).json.error.message).toBe('state: must be firing, resolved or all');
  });

  it('keeps SMTP settings to admins', async () => {
    const settings = { host: '127.0.0.1', port: 2525, security: 'none', from: 'colo@example.test', password: 'pw' };
    expect((await call(smtp.PUT, 'PUT', '/settings/smtp', {}, settings)).status).toBe(403);
    expect((await call(smtp.GET, 'GET', '/settings/smtp', {}, undefined, otherToken)).status).toBe(403);
    const saved = await call(smtp.PUT, 'PUT', '/settings/smtp', {}, settings, adminToken);
    expect(saved).toMatchObject({ status: 200, json: { smtp: { host: '127.0.0.1', hasPassword: true } } });
    expect(JSON.stringify((await call(smtp.GET, 'GET', '/settings/smtp', {}, undefined, adminToken)).json)).not.toContain('pw"');
  });
});
