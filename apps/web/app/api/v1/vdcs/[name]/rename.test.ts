// PATCH /vdcs/:name (rename) and VDC ownership over HTTP: one user never sees, renames or
// deletes another's VDC.
import { createApiToken, getRuntime } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vdcs from '../route';
import * as vdc from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let alice: string;
let bob: string;
beforeAll(async () => {
  t = await setupControlTest('web-rename');
  alice = (await createApiToken((await t.user()).id, 'test')).token;
  bob = (await createApiToken((await t.user()).id, 'test')).token;
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, name: string | null, opts: { token?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = opts.token === undefined ? alice : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://127.0.0.1/api/v1/vdcs${name ? `/${name}` : ''}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(name ? { name } : {}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
}

describe('PATCH /vdcs/:name', () => {
  it('needs credentials', async () => {
    expect((await call(vdc.PATCH as Handler, 'PATCH', 'x', { token: null, body: { name: 'y' } })).status).toBe(401);
  });

  it('renames, and the VDC answers under its new name with the manifest following', async () => {
    await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('before') } });
    const res = await call(vdc.PATCH as Handler, 'PATCH', 'before', { body: { name: 'after' } });
    expect(res.status).toBe(200);
    expect(res.json.vdc).toMatchObject({ name: 'after', revision: 2 });
    const got = await call(vdc.GET as Handler, 'GET', 'after');
    expect(got.json.revision.manifest.name).toBe('after');
    expect((await call(vdc.GET as Handler, 'GET', 'before')).status).toBe(404);
  });

  it('answers 409 name_taken and 400 for a bad name', async () => {
    await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('first') } });
    await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('second') } });
    const taken = await call(vdc.PATCH as Handler, 'PATCH', 'first', { body: { name: 'second' } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('name_taken');
    expect((await call(vdc.PATCH as Handler, 'PATCH', 'first', { body: { name: 'Bad_Name' } })).status).toBe(400);
    expect((await call(vdc.PATCH as Handler, 'PATCH', 'first', { body: {} })).status).toBe(400);
  });

  it("keeps another user's VDC invisible: not listed, not readable, not renamable, not deletable", async () => {
    await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('alices') } });
    const list = await call(vdcs.GET as Handler, 'GET', null, { token: bob });
    expect(list.json.vdcs.map((v: { name: string }) => v.name)).not.toContain('alices');
    for (const [handler, method, body] of [
      [vdc.GET, 'GET', undefined],
      [vdc.PATCH, 'PATCH', { name: 'bobs-now' }],
      [vdc.DELETE, 'DELETE', undefined],
    ] as const) {
      const res = await call(handler as Handler, method, 'alices', { token: bob, body });
      expect(res.status, method).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    expect((await call(vdc.GET as Handler, 'GET', 'alices')).json.vdc.name).toBe('alices');
  });

  it('deletes a VDC that was never deployed, and explains one that was not destroyed', async () => {
    await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('gone') } });
    const del = await call(vdc.DELETE as Handler, 'DELETE', 'gone');
    expect(del.status).toBe(204);
    expect((await call(vdc.GET as Handler, 'GET', 'gone')).status).toBe(404);

    // A data volume left behind (a destroy without purge): the record must stay.
    const kept = await call(vdcs.POST as Handler, 'POST', null, { body: { manifest: manifestOf('kept') } });
    await getRuntime().createVolume({
      name: `colo-test-${t.instance}-kept-box-data`,
      labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.vdc': kept.json.vdc.id, 'colo.appliance': 'box', 'colo.volume': 'data' },
    });
    const refused = await call(vdc.DELETE as Handler, 'DELETE', 'kept');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('not_destroyed');
    expect(refused.json.error.message).toMatch(/destroy it first/);
    expect((await call(vdc.GET as Handler, 'GET', 'kept')).status).toBe(200);
  });
});
