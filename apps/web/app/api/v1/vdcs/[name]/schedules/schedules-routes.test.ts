// /vdcs/:name/schedules through the real route handlers and a real database: add, list, switch
// off, remove; bad input is a 400 naming the field and writes nothing; another user's VDC is a 404.
import { createApiToken, createVdc } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as one from './[id]/route';
import * as all from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let otherToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-schedules');
  const alice = await t.user();
  token = (await createApiToken(alice.id, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  await createVdc(alice, manifestOf('shop'));
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, params: Record<string, string>, body?: unknown, bearer = token) {
  const req = new Request(`http://127.0.0.1/api/v1/vdcs/${params.name}/schedules${params.id ? `/${params.id}` : ''}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (await res.json()) as any };
}

describe('/vdcs/:name/schedules', () => {
  it('refuses bad input with a 400 naming the field, an unknown or foreign VDC with a 404, and writes nothing', async () => {
    const cases: [Record<string, string>, unknown, number, RegExp, string?][] = [
      [{ name: 'shop' }, { kind: 'snapshot', cron: '0 25 * * *', keep: 3 }, 400, /^cron: hour 25 is out of range 0-23$/],
      [{ name: 'shop' }, { kind: 'snapshot', cron: '0 3 * * *', keep: 0 }, 400, /^keep: must be at least 1$/],
      [{ name: 'shop' }, { kind: 'snapshot', cron: '0 3 * * *' }, 400, /^keep: is required/],
      [{ name: 'shop' }, { kind: 'nap', cron: '0 3 * * *' }, 400, /^kind: must be snapshot, stop or start$/],
      [{ name: 'nope' }, { kind: 'stop', cron: '0 22 * * *' }, 404, /^VDC "nope" not found$/],
      [{ name: 'shop' }, { kind: 'stop', cron: '0 22 * * *' }, 404, /^VDC "shop" not found$/, otherToken],
    ];
    for (const [params, body, status, message, bearer] of cases) {
      const res = await call(all.POST, 'POST', params, body, bearer);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await getPrisma().schedule.count()).toBe(0);
  });

  it('adds, lists, switches off and removes a schedule', async () => {
    const made = await call(all.POST, 'POST', { name: 'shop' }, { kind: 'snapshot', cron: '@daily', keep: 7 });
    expect(made.status).toBe(201);
    const s = made.json.schedule;
    expect(s).toMatchObject({ id: expect.stringMatching(/^sch_/), vdc: 'shop', kind: 'snapshot', cron: '@daily', keep: 7, enabled: true, timezone: 'UTC' });
    expect(s.nextRunAt).toMatch(/T00:00:00\.000Z$/);
    expect(Date.parse(s.nextRunAt)).toBeGreaterThan(Date.now());

    const listed = await call(all.GET, 'GET', { name: 'shop' });
    expect(listed.json.schedules.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await call(all.GET, 'GET', { name: 'shop' }, undefined, otherToken)).status).toBe(404);

    const bad = await call(one.PATCH, 'PATCH', { name: 'shop', id: s.id }, { cron: 'every day' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^cron: needs 5 fields/);
    const off = await call(one.PATCH, 'PATCH', { name: 'shop', id: s.id }, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.json.schedule).toMatchObject({ enabled: false, nextRunAt: null, cron: '@daily' });
    expect((await call(one.PATCH, 'PATCH', { name: 'shop', id: s.id }, { enabled: true }, otherToken)).status).toBe(404);

    expect((await call(one.DELETE, 'DELETE', { name: 'shop', id: s.id }, undefined, otherToken)).status).toBe(404);
    const removed = await call(one.DELETE, 'DELETE', { name: 'shop', id: s.id });
    expect(removed.status).toBe(200);
    expect(removed.json.schedule.id).toBe(s.id);
    expect((await call(one.DELETE, 'DELETE', { name: 'shop', id: s.id })).status).toBe(404);
    expect(await getPrisma().schedule.count()).toBe(0);
  });
});
