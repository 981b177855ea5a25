// The REST API through its real route handlers (Request in, Response out) against a real
// database: auth on every route, the error codes of docs/contracts.md, and no secret in any answer.
import { createApiToken, sealSecrets } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPattern, loadApiRoutes } from '../../../test/route-files';
import * as catalog from './catalog/route';
import * as me from './me/route';
import * as operation from './operations/[id]/route';
import * as plan from './plan/route';
import * as validate from './validate/route';
import * as vdcOperations from './vdcs/[name]/operations/route';
import * as vdcPlan from './vdcs/[name]/plan/route';
import * as vdcRevisions from './vdcs/[name]/revisions/route';
import * as vdc from './vdcs/[name]/route';
import * as vdcStatus from './vdcs/[name]/status/route';
import * as vdcStop from './vdcs/[name]/stop/route';
import * as vdcs from './vdcs/route';

// Each route types its own params; `never` lets one table hold them all.
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let otherToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-routes');
  token = (await createApiToken((await t.user()).id, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, opts: { body?: unknown; raw?: string; token?: string | null; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const bearer = opts.token === undefined ? token : opts.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method,
    headers,
    body: method === 'GET' || method === 'DELETE' ? undefined : (opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any, text };
}

describe('auth', () => {
  // 401 on every route without a token, and scopes per route: route-access.test.ts, for the
  // routes found in the route files.
  it('says who the token belongs to', async () => {
    const res = await call(me.GET, 'GET', '/me');
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: expect.stringMatching(/^usr_/), email: expect.stringContaining('@') });
  });
});

describe('VDCs over HTTP', () => {
  const shopYaml = 'apiVersion: colo/v1\nkind: VDC\nname: shop\nappliances:\n  - { name: box, class: sleeper }\n';

  it('creates, reads, updates with optimistic concurrency, and lists', async () => {
    const created = await call(vdcs.POST, 'POST', '/vdcs', { body: { manifest: shopYaml } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ vdc: { name: 'shop', revision: 1 }, revision: { number: 1 } });
    expect((await call(vdcs.POST, 'POST', '/vdcs', { body: { manifest: shopYaml } })).json.error.code).toBe('name_taken');

    const got = await call(vdc.GET, 'GET', '/vdcs/shop', { params: { name: 'shop' } });
    expect(got.json.revision).toMatchObject({ number: 1, manifest: { name: 'shop' } });

    const same = await call(vdc.PUT, 'PUT', '/vdcs/shop', { params: { name: 'shop' }, body: { manifest: shopYaml, baseRevision: 1 } });
    expect(same.json).toMatchObject({ changed: false, revision: { number: 1 } });
    const bigger = manifestOf('shop', [{ name: 'box', class: 'sleeper', replicas: 2 }]);
    const changed = await call(vdc.PUT, 'PUT', '/vdcs/shop', { params: { name: 'shop' }, body: { manifest: bigger, baseRevision: 1 } });
    expect(changed.json).toMatchObject({ changed: true, revision: { number: 2 } });
    const stale = await call(vdc.PUT, 'PUT', '/vdcs/shop', { params: { name: 'shop' }, body: { manifest: shopYaml, baseRevision: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_revision', currentRevision: 2 });

    const revisions = await call(vdcRevisions.GET, 'GET', '/vdcs/shop/revisions', { params: { name: 'shop' } });
    expect(revisions.json.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const list = await call(vdcs.GET, 'GET', '/vdcs');
    expect(list.json.vdcs).toEqual([expect.objectContaining({ name: 'shop', revision: 2, applianceCount: 1, state: 'new' })]);
  });

  it('answers bad input with 400 and the issues, and validates with 200 either way', async () => {
    const invalid = await call(vdcs.POST, 'POST', '/vdcs', { body: { manifest: manifestOf('bad', [{ name: 'box', class: 'nope' }]) } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('invalid_manifest');
    expect(invalid.json.error.issues[0]).toMatchObject({ path: 'appliances[0].class', severity: 'error' });
    expect((await call(vdcs.POST, 'POST', '/vdcs', { raw: '{not json' })).json.error.code).toBe('bad_request');
    expect((await call(vdcs.POST, 'POST', '/vdcs', { body: { nothing: 1 } })).status).toBe(400);

    const verdict = await call(validate.POST, 'POST', '/validate', { body: { manifest: manifestOf('bad', [{ name: 'box', class: 'nope' }]) } });
    expect(verdict.status).toBe(200);
    expect(verdict.json).toMatchObject({ ok: false, errors: [{ path: 'appliances[0].class' }] });
    const good = await call(validate.POST, 'POST', '/validate', { body: { manifest: shopYaml } });
    expect(good.json).toMatchObject({ ok: true, errors: [] });
  });

  it("answers 404 for another user's VDC and operations", async () => {
    const op = await call(vdcStop.POST, 'POST', '/vdcs/shop/stop', { params: { name: 'shop' }, body: {} });
    expect(op.status).toBe(202);
    expect(op.json.operation).toMatchObject({ kind: 'stop', status: 'queued' });
    // Every route that names a VDC or an operation, as the route files define them.
    const owned = (await loadApiRoutes()).filter((r) => r.params.includes('name') || r.pattern.startsWith('/operations'));
    expect(owned.length).toBeGreaterThanOrEqual(15);
    for (const r of owned) {
      const realParams: Record<string, string> = { name: 'shop', id: op.json.operation.id, appliance: 'box', number: '1' };
      const path = fillPattern(r.pattern, realParams);
      const res = await call(r.handler as Handler, r.method, path, { token: otherToken, params: realParams, body: { manifest: shopYaml, baseRevision: 2, name: 'stolen' } });
      expect(res.status, `${r.method} ${r.pattern}`).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    const mine = await call(operation.GET, 'GET', `/operations/${op.json.operation.id}`, { params: { id: op.json.operation.id } });
    expect(mine.json.operation).toMatchObject({ id: op.json.operation.id, steps: [] });
    expect(mine.json.logs).toEqual([]);
    const ops = await call(vdcOperations.GET, 'GET', '/vdcs/shop/operations', { params: { name: 'shop' } });
    expect(ops.json.operations[0].id).toBe(op.json.operation.id);
    // An operation is queued: the record cannot go yet.
    const del = await call(vdc.DELETE, 'DELETE', '/vdcs/shop', { params: { name: 'shop' } });
    expect(del.status).toBe(409);
    expect(del.json.error.code).toBe('operation_running');
  });

  it('never shows a VDC secret in any answer', async () => {
    const row = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'shop' } });
    const secret = 'plaintextsecretvalue0123456789ab';
    await getPrisma().vdc.update({ where: { id: row.id }, data: { secrets: sealSecrets(row.id, { box: { password: secret } }) } });
    const answers = await Promise.all([
      call(vdc.GET, 'GET', '/vdcs/shop', { params: { name: 'shop' } }),
      call(vdcs.GET, 'GET', '/vdcs'),
      call(vdcStatus.GET, 'GET', '/vdcs/shop/status', { params: { name: 'shop' } }),
      call(vdcPlan.POST, 'POST', '/vdcs/shop/plan', { params: { name: 'shop' }, body: {} }),
      call(plan.POST, 'POST', '/plan', { body: { manifest: shopYaml } }),
      call(vdcOperations.GET, 'GET', '/vdcs/shop/operations', { params: { name: 'shop' } }),
    ]);
    for (const a of answers) {
      expect(a.status, a.text).toBe(200);
      expect(a.text).not.toContain(secret);
      expect(a.text).not.toContain(row.secrets ?? 'sealed');
    }
    const [, , status, vdcPlanAnswer, planAnswer] = answers;
    expect(status.json.appliances[0]).toMatchObject({ name: 'box', replicas: { desired: 2, running: 0 }, state: 'not deployed' });
    expect(vdcPlanAnswer.json.plan.steps.length).toBeGreaterThan(0);
    expect(planAnswer.json).toMatchObject({ vdc: 'shop', exists: true });
    expect(typeof planAnswer.json.text).toBe('string');
  });

  it('lists the catalog for any signed-in user', async () => {
    const res = await call(catalog.GET, 'GET', '/catalog');
    expect(res.json.classes.map((c: { id: string }) => c.id)).toContain('sleeper');
    expect(res.json.heads).toMatchObject({ sleeper: 1 });
    expect(res.json.assemblies).toEqual([]);
  });
});
