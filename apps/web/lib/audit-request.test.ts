// The audit log as the API writes it: every request that may change something, refused ones
// included, with who, from where and what; never a body; kept after its VDC is deleted.
import { createApiToken } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as login from '../app/api/v1/auth/login/route';
import * as tokens from '../app/api/v1/tokens/route';
import * as token from '../app/api/v1/tokens/[id]/route';
import * as audit from '../app/api/v1/audit/route';
import * as vdc from '../app/api/v1/vdcs/[name]/route';
import * as deploy from '../app/api/v1/vdcs/[name]/deploy/route';
import * as vdcs from '../app/api/v1/vdcs/route';
import { PEER_HEADER, trustPeerHeader } from './client-address';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let user: { id: string; email: string };
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await setupControlTest('web-audit');
  user = await t.user();
  admin = (await createApiToken(user.id, 'audit admin')).token;
  reader = (await createApiToken(user.id, 'audit reader', { scope: 'read' })).token;
  trustPeerHeader();
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, body?: unknown, token: string | null = admin, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', [PEER_HEADER]: '127.0.0.9' };
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  return { status: res.status, text: await res.text() };
}

const events = (where: Record<string, unknown> = {}) => getPrisma().auditEvent.findMany({ where, orderBy: { at: 'asc' } });

describe('the audit log of API requests', () => {
  it('records a save, a rename and a delete under the same VDC id, kept after the delete', async () => {
    const created = await call(vdcs.POST, 'POST', '/vdcs', { manifest: manifestOf('audited') });
    expect(created.status).toBe(201);
    const id = (await getPrisma().vdc.findFirstOrThrow({ where: { name: 'audited' } })).id;
    expect((await call(vdc.PATCH, 'PATCH', '/vdcs/audited', { name: 'audited-2' }, admin, { name: 'audited' })).status).toBe(200);
    expect((await call(vdc.DELETE, 'DELETE', '/vdcs/audited-2', undefined, admin, { name: 'audited-2' })).status).toBeLessThan(300);
    expect(await getPrisma().vdc.findUnique({ where: { id } })).toBeNull();

    const rows = await events({ vdcId: id });
    expect(rows.map((r) => [r.action, r.vdcName, r.outcome])).toEqual([
      ['createVdc', 'audited', 'ok'],
      ['renameVdc', 'audited', 'ok'],
      ['deleteVdc', 'audited-2', 'ok'],
    ]);
    expect(rows[1]).toMatchObject({ actorId: user.id, actorEmail: user.email, via: 'token', address: '127.0.0.9', status: 200 });
    expect(rows[1].tokenId).toMatch(/^tok_/);
    const create = (await events({ action: 'createVdc' }))[0];
    expect(create).toMatchObject({ outcome: 'ok', status: 201, actorId: user.id, vdcId: id, vdcName: 'audited' });
    // The body (the manifest) is not in the log.
    expect(JSON.stringify(create.detail)).not.toContain('appliances');
  });

  it('records a refused attempt as denied, with the reason', async () => {
    await call(vdcs.POST, 'POST', '/vdcs', { manifest: manifestOf('guarded') });
    const res = await call(deploy.POST, 'POST', '/vdcs/guarded/deploy', {}, reader, { name: 'guarded' });
    expect(res.status).toBe(403);
    const [row] = await events({ action: 'deployVdc' });
    expect(row).toMatchObject({ outcome: 'denied', status: 403, vdcName: 'guarded', actorId: user.id });
    expect(row.vdcId).toMatch(/^vdc_/);
    expect((row.detail as { error?: string }).error).toContain('scope');
  });

  it('does not record reads', async () => {
    const before = (await events()).length;
    expect((await call(vdc.GET, 'GET', '/vdcs/guarded', undefined, admin, { name: 'guarded' })).status).toBe(200);
    expect((await events()).length).toBe(before);
  });

  it('names a token made or revoked by its name and prefix, never the token', async () => {
    const made = await call(tokens.POST, 'POST', '/tokens', { name: 'ci deploy', scope: 'deploy' });
    expect(made.status).toBe(201);
    const { token: secret, info } = JSON.parse(made.text) as { token: string; info: { id: string; prefix: string } };
    expect((await call(token.DELETE, 'DELETE', `/tokens/${info.id}`, undefined, admin, { id: info.id })).status).toBe(204);
    const [created] = await events({ action: 'createToken' });
    const [revoked] = await events({ action: 'revokeToken' });
    for (const row of [created, revoked]) {
      expect((row.detail as { token?: unknown }).token).toMatchObject({ id: info.id, name: 'ci deploy', prefix: info.prefix, scope: 'deploy' });
      expect(JSON.stringify(row)).not.toContain(secret);
    }
  });

  it('does not record reading the audit log itself', async () => {
    const before = (await events()).length;
    const res = await call(audit.GET, 'GET', '/audit?action=deploy&outcome=denied', undefined, reader);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as { events: { action: string }[] }).events.map((e) => e.action)).toEqual(['deployVdc']);
    expect((await events()).length).toBe(before);
  });

  it('records sign-in, failed ones under the email given, never the password', async () => {
    const wrong = await call(login.POST, 'POST', '/auth/login', { email: user.email, password: 'not-the-password-123' }, null);
    expect(wrong.status).toBe(401);
    const [row] = await events({ action: 'signIn' });
    expect(row).toMatchObject({ outcome: 'denied', actorId: null, actorEmail: user.email, address: '127.0.0.9' });
    expect(JSON.stringify(row)).not.toContain('not-the-password-123');
  });
});
