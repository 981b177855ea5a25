// `GET /vdcs/:name/bundle` and `POST /bundles/import` through their real handlers against a real
// database and the stock catalog: the export is the owner's attachment (404 to anyone else); a
// changed bundle is a 400 with the reason and no VDC row; a dry run saves nothing; an import
// creates the VDC.
import { createApiToken, createVdc, reloadCatalog } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bundleExport from '../../vdcs/[name]/bundle/route';
import * as bundleImport from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let token: string;
let otherToken: string;
let userId: string;
beforeAll(async () => {
  t = await setupControlTest('web-bundles');
  reloadCatalog(); // the stock classes (templates/), not the test's sleeper
  const user = await t.user();
  userId = user.id;
  token = (await createApiToken(userId, 'test')).token;
  otherToken = (await createApiToken((await t.user()).id, 'test')).token;
  await createVdc(user, { apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'web', class: 'web-php' }], connections: [] });
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, path: string, init: { body?: unknown; bearer?: string }, params: Record<string, string> = {}) {
  const req = new Request(`http://127.0.0.1/api/v1${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${init.bearer ?? token}` },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(req, { params: Promise.resolve(params) as Promise<never> });
}

const vdcCount = (name: string) => getPrisma().vdc.count({ where: { ownerId: userId, name } });

describe('bundle routes', () => {
  it('exports the owner\'s VDC as a .colo.yaml attachment, or JSON; 404 to another user', async () => {
    const res = await call(bundleExport.GET, '/vdcs/shop/bundle', {}, { name: 'shop' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="shop.colo.yaml"');
    expect(await res.text()).toMatch(/^apiVersion: colo\/v1\nkind: Bundle\nformat: 1\n/);

    const asJson = await call(bundleExport.GET, '/vdcs/shop/bundle?format=json', {}, { name: 'shop' });
    expect((await asJson.json()).bundle).toMatchObject({ kind: 'Bundle', classes: [{ ref: 'web-php', origin: 'stock' }] });

    const other = await call(bundleExport.GET, '/vdcs/shop/bundle', { bearer: otherToken }, { name: 'shop' });
    expect(other.status).toBe(404);
  });

  it('refuses a changed bundle with 400 and the reason, creating nothing', async () => {
    const text = await (await call(bundleExport.GET, '/vdcs/shop/bundle', {}, { name: 'shop' })).text();
    const res = await call(bundleImport.POST, '/bundles/import', { body: { bundle: text.replace('name: shop', 'name: changed') } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/changed after export/);
    expect(await vdcCount('changed')).toBe(0);
    expect((await call(bundleImport.POST, '/bundles/import', { body: { name: 'x' } })).status).toBe(400);
  });

  it('answers a dry run with the manifest, then creates the VDC', async () => {
    const text = await (await call(bundleExport.GET, '/vdcs/shop/bundle', {}, { name: 'shop' })).text();
    const dry = await call(bundleImport.POST, '/bundles/import', { body: { bundle: text, name: 'dry', dryRun: true } });
    expect(dry.status).toBe(200);
    expect((await dry.json()).manifest).toMatchObject({ name: 'dry', appliances: [{ name: 'web', class: 'web-php' }] });
    expect(await vdcCount('dry')).toBe(0);

    const made = await call(bundleImport.POST, '/bundles/import', { body: { bundle: text, name: 'shop-copy' } });
    expect(made.status).toBe(201);
    expect((await made.json()).vdc).toMatchObject({ name: 'shop-copy' });
    expect(await vdcCount('shop-copy')).toBe(1);
  });
});
