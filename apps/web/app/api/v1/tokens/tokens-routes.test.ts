// API tokens over HTTP: created (shown once), listed without the secret, revoked for good, and
// only ever by their owner.
import { createApiToken } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as me from '../me/route';
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
