// Who may call what, for every route the API has (v1 and /api/openapi.json): the list comes from
// the route files themselves (test/route-files.ts), so a new route is checked here without anyone adding it.
import { API_OPERATIONS, scopeOf } from '@colo/api';
import { createApiToken, revokeApiToken, scopeAllows, TOKEN_SCOPES, type TokenScope } from '@colo/control';
import { type ControlTest, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRoute, fillPattern, listAllRouteFiles, loadApiRoutes, neededScope } from '../../../test/route-files';

/** The only routes that work signed out. */
const PUBLIC = ['POST /api/v1/auth/login', 'POST /api/v1/auth/setup'];
/** The only routes whose credential is a one-use secret in their path (no session or token). */
const LINK = ['GET /api/v1/nodes/bootstrap/[token]'];

let t: ControlTest;
let routes: ApiRoute[];
const tokens = {} as Record<TokenScope | 'revoked' | 'expired', string>;
beforeAll(async () => {
  t = await setupControlTest('web-route-access');
  const user = await t.user();
  // An admin, so a route refuses only for the token's scope (user management checks the role too).
  await getPrisma().user.update({ where: { id: user.id }, data: { role: 'admin' } });
  for (const scope of TOKEN_SCOPES) tokens[scope] = (await createApiToken(user.id, scope, { scope })).token;
  const revoked = await createApiToken(user.id, 'revoked');
  await revokeApiToken(user.id, revoked.info.id);
  tokens.revoked = revoked.token;
  const expired = await createApiToken(user.id, 'expired', { expiresAt: new Date(Date.now() + 60_000) });
  await getPrisma().apiToken.update({ where: { id: expired.info.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.expired = expired.token;
  routes = await loadApiRoutes(listAllRouteFiles());
});
afterAll(async () => {
  await t?.teardown();
});

const label = (r: ApiRoute) => `${r.method} ${r.pattern}`;

async function call(r: ApiRoute, token: string | null) {
  const values = Object.fromEntries(r.params.map((p) => [p, 'x']));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'DELETE';
  const req = new Request(`http://127.0.0.1${fillPattern(r.pattern, values)}`, { method: r.method, headers, body: hasBody ? '{}' : undefined });
  const res = await r.handler(req, { params: Promise.resolve(values) as Promise<never> });
  const text = await res.text();
  // A file answer (the audit log's CSV export) is not JSON: only JSON is read.
  const isJson = res.headers.get('content-type')?.includes('json') ?? false;
  return { status: res.status, json: text && isJson ? JSON.parse(text) : undefined };
}

describe('the route table', () => {
  it('is every route file, each export wrapped by route() or publicRoute()', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const r of routes) expect(r.handler.access, `${label(r)} is not wrapped by route()/publicRoute()`).toBeDefined();
    expect(routes.filter((r) => r.handler.access?.auth === 'public').map(label)).toEqual(PUBLIC);
    expect(routes.filter((r) => r.handler.access?.auth === 'link').map(label)).toEqual(LINK);
  });

  it('keeps token, user, custom image, SMTP and node management for admin tokens', () => {
    const adminOnly = (r: ApiRoute) =>
      r.pattern.startsWith('/api/v1/tokens') ||
      r.pattern === '/api/v1/users' ||
      (r.pattern.startsWith('/api/v1/users/') && r.method !== 'GET') ||
      r.pattern === '/api/v1/custom-images' ||
      r.pattern === '/api/v1/settings/smtp' ||
      (r.pattern.startsWith('/api/v1/nodes') && r.handler.access?.auth !== 'link');
    for (const r of routes.filter(adminOnly)) expect(neededScope(r), label(r)).toBe('admin');
    for (const r of routes.filter((x) => x.method === 'GET' && !adminOnly(x) && x.handler.access?.auth !== 'link')) expect(neededScope(r), label(r)).toBe('read');
  });

  it('asks what the contract (@colo/api) documents: the same auth and token scope', () => {
    for (const r of routes) {
      const path = r.pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, '{$1}');
      const documented = API_OPERATIONS.find((o) => o.method === r.method && o.path === path);
      expect(documented, `${label(r)} has no contract entry`).toBeDefined();
      const auth = r.handler.access?.auth;
      expect(documented?.auth, label(r)).toBe(auth === 'public' ? 'public' : auth === 'link' ? 'link' : 'session-or-token');
      if (documented?.auth === 'session-or-token') expect(documented && scopeOf(documented), label(r)).toBe(neededScope(r));
    }
  });
});

describe('every link route', () => {
  it('takes the link alone: no token, any token, revoked or not, and a bad link is a 404 in words, never a 401 or 403', async () => {
    for (const r of routes.filter((x) => x.handler.access?.auth === 'link')) {
      for (const token of [null, 'colo_nope', tokens.revoked, tokens.read, tokens.admin]) {
        const res = await call(r, token);
        expect(res.status, `${label(r)} with ${token === null ? 'no token' : token.slice(0, 8)}`).toBe(404);
        expect(res.json.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('is not valid') });
      }
    }
  });
});

describe('every signed-in route', () => {
  it('answers 401 without a token, or with a bad, revoked or expired one', async () => {
    for (const r of routes.filter((x) => x.handler.access?.auth === 'user')) {
      for (const token of [null, 'colo_nope', tokens.revoked, tokens.expired]) {
        const res = await call(r, token);
        expect(res.status, `${label(r)} with ${token === null ? 'no token' : token.slice(0, 8)}`).toBe(401);
        expect(res.json.error.code).toBe('unauthorized');
      }
    }
  });

  it('answers 403 to a token whose scope is too small, and lets a big enough one through', async () => {
    for (const r of routes.filter((x) => x.handler.access?.auth === 'user')) {
      for (const scope of TOKEN_SCOPES) {
        const res = await call(r, tokens[scope]);
        if (scopeAllows(scope, neededScope(r))) {
          expect([401, 403], `${label(r)} with a ${scope} token`).not.toContain(res.status);
        } else {
          expect(res.status, `${label(r)} with a ${scope} token`).toBe(403);
          expect(res.json.error.message).toContain(`scope "${scope}"`);
        }
      }
    }
  });
});
