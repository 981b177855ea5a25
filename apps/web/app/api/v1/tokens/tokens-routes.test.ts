// API tokens over HTTP: created (shown once), listed without the secret, revoked for good, and
// only ever by their owner.
import { createApiToken } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as me from '../me/route';
import * as vdcs from '../vdcs/route';
import * as tokenById from './[id]/route';
import * as tokens from './route';

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

let t: ControlTest;
let mine: string;
let theirs: string;
beforeAll(async () => {
  t = await setupControlTest('web-tokens');
  mine = (await createApiToken((await t.user()).id, 'bootstrap')).token;
  theirs = (await createApiToken((await t.user()).id, 'bootstrap')).token;
});
afterAll(async () => {
  await t?.teardown();
});

async function call(handler: Handler, method: string, path: string, opts: { token?: string | null; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = opts.token === undefined ? mine : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://127.0.0.1/api/v1${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: res.status, text, json: (text ? JSON.parse(text) : undefined) as any };
}

describe('tokens', () => {
  it('refuses every tokens route without credentials', async () => {
    expect((await call(tokens.GET as Handler, 'GET', '/tokens', { token: null })).status).toBe(401);
    expect((await call(tokens.POST as Handler, 'POST', '/tokens', { token: null, body: { name: 'x' } })).status).toBe(401);
    expect((await call(tokenById.DELETE as Handler, 'DELETE', '/tokens/tok_x', { token: null, params: { id: 'tok_x' } })).status).toBe(401);
  });

  it('creates a token shown once, lists it by prefix, and a revoked one stops working', async () => {
    const created = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: '  laptop  ' } });
    expect(created.status).toBe(201);
    const { token, info } = created.json;
    expect(token).toMatch(/^colo_[a-z0-9]{40}$/);
    expect(info).toMatchObject({ name: 'laptop', prefix: token.slice(0, 12), revokedAt: null, lastUsedAt: null });

    expect((await call(me.GET as Handler, 'GET', '/me', { token })).status).toBe(200);
    const list = await call(tokens.GET as Handler, 'GET', '/tokens');
    expect(list.json.tokens.map((x: { name: string }) => x.name)).toEqual(['laptop', 'bootstrap']);
    expect(list.text).not.toContain(token);
    expect(list.json.tokens[0].lastUsedAt).not.toBeNull();

    const revoked = await call(tokenById.DELETE as Handler, 'DELETE', `/tokens/${info.id}`, { params: { id: info.id } });
    expect(revoked.status).toBe(204);
    const after = await call(me.GET as Handler, 'GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthorized');
    expect((await call(tokens.GET as Handler, 'GET', '/tokens')).json.tokens[0].revokedAt).not.toBeNull();
    // Revoking twice is "not found": there is no live token with that id any more.
    expect((await call(tokenById.DELETE as Handler, 'DELETE', `/tokens/${info.id}`, { params: { id: info.id } })).status).toBe(404);
  });

  it('refuses a nameless token', async () => {
    const res = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: '   ' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
  });

  it("neither lists nor revokes another user's tokens", async () => {
    const { json } = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'keep me' } });
    const other = await call(tokens.GET as Handler, 'GET', '/tokens', { token: theirs });
    expect(other.json.tokens.map((x: { id: string }) => x.id)).not.toContain(json.info.id);
    const steal = await call(tokenById.DELETE as Handler, 'DELETE', `/tokens/${json.info.id}`, { token: theirs, params: { id: json.info.id } });
    expect(steal.status).toBe(404);
    expect((await call(me.GET as Handler, 'GET', '/me', { token: json.token })).status).toBe(200);
  });
});

describe('token scope and expiry', () => {
  it('creates a scoped, expiring token and shows both; deploy unless asked, never an unknown scope', async () => {
    const made = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'ci reader', scope: 'read', expiresInDays: 30 } });
    expect(made.status).toBe(201);
    expect(made.json.info.scope).toBe('read');
    const days = (new Date(made.json.info.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const plain = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'cli' } });
    expect(plain.json.info).toMatchObject({ scope: 'deploy', expiresAt: null });
    const listed = (await call(tokens.GET as Handler, 'GET', '/tokens')).json.tokens.find((x: { id: string }) => x.id === made.json.info.id);
    expect(listed).toMatchObject({ scope: 'read', expiresAt: made.json.info.expiresAt });
    for (const body of [{ name: 'x', scope: 'root' }, { name: 'x', expiresInDays: 0 }, { name: 'x', expiresInDays: 1e9 }]) {
      expect((await call(tokens.POST as Handler, 'POST', '/tokens', { body })).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('lets a read token only read, and a deploy token change VDCs but not manage tokens', async () => {
    const reader = (await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'r', scope: 'read' } })).json.token;
    const deployer = (await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'd', scope: 'deploy' } })).json.token;
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'scoped', appliances: [] };

    expect((await call(vdcs.GET as Handler, 'GET', '/vdcs', { token: reader })).status).toBe(200);
    const refused = await call(vdcs.POST as Handler, 'POST', '/vdcs', { token: reader, body: { manifest } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('scope "read"') });
    expect((await call(vdcs.GET as Handler, 'GET', '/vdcs', { token: reader })).json.vdcs).toEqual([]);

    expect((await call(vdcs.POST as Handler, 'POST', '/vdcs', { token: deployer, body: { manifest } })).status).toBe(201);
    for (const token of [reader, deployer]) {
      expect((await call(tokens.POST as Handler, 'POST', '/tokens', { token, body: { name: 'escalate', scope: 'admin' } })).status).toBe(403);
      expect((await call(tokens.GET as Handler, 'GET', '/tokens', { token })).status).toBe(403);
      expect((await call(tokenById.DELETE as Handler, 'DELETE', '/tokens/tok_x', { token, params: { id: 'tok_x' } })).status).toBe(403);
    }
    const owner = (await getPrisma().apiToken.findFirstOrThrow({ where: { name: 'r' } })).userId;
    expect(await getPrisma().apiToken.count({ where: { userId: owner, name: 'escalate' } })).toBe(0);
  });

  it('refuses an expired token with 401', async () => {
    const made = await call(tokens.POST as Handler, 'POST', '/tokens', { body: { name: 'short-lived', expiresInDays: 1 } });
    expect((await call(me.GET as Handler, 'GET', '/me', { token: made.json.token })).status).toBe(200);
    await getPrisma().apiToken.update({ where: { id: made.json.info.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const after = await call(me.GET as Handler, 'GET', '/me', { token: made.json.token });
    expect(after.status).toBe(401);
    expect(after.json.error.message).toMatch(/expired/);
  });
});
