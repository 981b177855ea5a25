// `GET /vdcs/:name/compose` through its real handler against a real database and the stock
// catalog: the owner gets a compose file that imports back to the same manifest; another user's
// VDC is a 404; the VDC's own secrets reach the `.env` text only when asked, never the file.
import { type AuthUser, createApiToken, createVdc, importComposeVdc, reloadCatalog, sealSecrets } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as compose from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let owner: AuthUser;
let ownerToken: string;
let readToken: string;
let otherToken: string;
beforeAll(async () => {
  t = await setupControlTest('web-compose-export');
  reloadCatalog(); // the stock classes (templates/)
  owner = await t.user();
  ownerToken = (await createApiToken(owner.id, 'test', { scope: 'deploy' })).token;
  readToken = (await createApiToken(owner.id, 'read', { scope: 'read' })).token;
  otherToken = (await createApiToken((await t.user()).id, 'other')).token;
  const { vdc } = await createVdc(owner, {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'shop',
    description: 'a shop',
    appliances: [
      { name: 'web', class: 'web-php', replicas: 2 },
      { name: 'db', class: 'postgres', properties: { database: 'shop' } },
    ],
    connections: [{ from: 'web.db', to: 'db.in' }],
  });
  // As a deploy leaves them: sealed on the VDC row.
  await getPrisma().vdc.update({ where: { id: vdc.id }, data: { secrets: sealSecrets(vdc.id, { db: { password: 'own-db-password' } }) } });
});
afterAll(async () => {
  await t?.teardown();
});

async function get(query: string, token = ownerToken, name = 'shop') {
  const req = new Request(`http://127.0.0.1/api/v1/vdcs/${name}/compose${query}`, { headers: { authorization: `Bearer ${token}` } });
  return (compose.GET as Handler)(req, { params: Promise.resolve({ name }) as Promise<never> });
}

describe('GET /vdcs/:name/compose', () => {
  it('gives the owner a YAML attachment that imports back to the same VDC', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/yaml/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="shop.compose.yml"');
    const text = await res.text();
    expect(text).toMatch(/^# Exported by Colo from VDC "shop", revision 1\./);
    const back = await importComposeVdc(owner, { name: 'shop-again', compose: text, dryRun: true });
    expect(back.dryRun && back.manifest).toMatchObject({
      description: 'a shop',
      appliances: [
        { name: 'web', class: 'web-php', replicas: 2 },
        { name: 'db', class: 'postgres', properties: { database: 'shop' } },
      ],
      connections: [{ from: 'web.db', to: 'db.in' }],
    });
  });

  it('answers ?format=json with the text, the .env text and the report', async () => {
    const res = await get('?format=json');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.revision).toBe(1);
    expect(body.text).toContain('${COLO_SECRET_DB_PASSWORD}');
    expect(body.env).toMatch(/^COLO_SECRET_DB_PASSWORD=\S+$/m);
    expect(body.report.length).toBeGreaterThan(0);
  });

  it('puts the VDC\'s own secrets in the .env text only when asked, and not for a read-only token', async () => {
    const fresh = await (await get('?format=json')).json();
    const own = await (await get('?format=json&secrets=1')).json();
    expect(own.env).toContain('COLO_SECRET_DB_PASSWORD=own-db-password');
    expect(fresh.env).not.toContain('own-db-password');
    expect(own.text).toBe(fresh.text);
    expect((await get('?format=json&secrets=1', readToken)).status).toBe(403);
    expect((await get('?format=json', readToken)).status).toBe(200);
  });

  it('is 404 for another user\'s VDC and for none, 400 for a bad query', async () => {
    expect((await get('', otherToken)).status).toBe(404);
    expect((await get('', ownerToken, 'nope')).status).toBe(404);
    expect((await get('?format=xml')).status).toBe(400);
  });
});
