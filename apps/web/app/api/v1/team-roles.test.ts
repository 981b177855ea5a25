// Roles on every route, found from the route files themselves (as route-access.test.ts does for
// auth and token scopes): in a team with a VDC, a viewer reads, an operator also changes and runs
// it but cannot manage the team, an admin does all; someone outside the team gets 404 for its
// VDC and the team on every route, and sees neither in any list.
import { acceptInvite, createApiToken, createInvite, createTeam, createVdc, getPrisma, roleAllows, type TeamRole } from './team-roles.fixtures';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRoute, fillPattern, listAllRouteFiles, loadApiRoutes, neededScope } from '../../../test/route-files';

let t: ControlTest;
let routes: ApiRoute[];
const tokens = {} as Record<TeamRole | 'outsider', string>;
const users = {} as Record<TeamRole | 'outsider', { id: string; email: string; name: string }>;
let adminUser: { id: string; email: string; name: string };

async function ensureShop(): Promise<void> {
  if (!(await getPrisma().vdc.findFirst({ where: { name: 'shop', team: { slug: 'acme' } } }))) {
    await createVdc(adminUser, manifestOf('shop'), { team: 'acme' });
  }
}

beforeAll(async () => {
  t = await setupControlTest('web-team-roles');
  adminUser = await t.user();
  users.admin = adminUser;
  await createTeam(adminUser, { slug: 'acme', name: 'Acme' });
  for (const role of ['viewer', 'operator'] as const) {
    users[role] = await t.user();
    const { token } = await createInvite(adminUser, 'acme', { role });
    await acceptInvite(users[role], { token });
  }
  users.outsider = await t.user();
  await createVdc(users.outsider, manifestOf('elsewhere'));
  for (const who of ['admin', 'operator', 'viewer', 'outsider'] as const) {
    // Admin-scoped tokens: what is refused below is refused for the role, not the token.
    tokens[who] = (await createApiToken(users[who].id, `roles ${who}`, { scope: 'admin' })).token;
  }
  await ensureShop();
  routes = await loadApiRoutes(listAllRouteFiles());
});
afterAll(async () => {
  await t?.teardown();
});

const label = (r: ApiRoute) => `${r.method} ${r.pattern}`;
const PARAMS = { name: 'shop', team: 'acme', appliance: 'box', number: '1', id: 'x', user: 'nobody@example.test', version: '1', token: 'x' };

async function call(r: ApiRoute, token: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(r.method);
  const req = new Request(`http://127.0.0.1${fillPattern(r.pattern, PARAMS)}`, { method: r.method, headers, body: hasBody ? '{}' : undefined });
  const res = await r.handler(req, { params: Promise.resolve(PARAMS) as Promise<never> });
  // Live streams (events, followed logs) never end: their first answer is enough.
  if (!res.headers.get('content-type')?.includes('json')) {
    await res.body?.cancel();
    return { status: res.status, message: '' };
  }
  const body = (await res.json()) as { error?: { message?: string } };
  return { status: res.status, message: body.error?.message ?? '' };
}

/** Colo admins' alone, whatever the team role: a team admin does not set its own quota. */
const SITE_ADMIN_ONLY = ['PUT /api/v1/teams/[team]/quota'];
const teamScoped = (r: ApiRoute) => r.pattern.startsWith('/api/v1/vdcs/[name]') || r.pattern.startsWith('/api/v1/teams/[team]');
const gone = (message: string) => /VDC "shop" not found|team "acme" not found/.test(message);

describe('roles on every route that names a VDC or a team', () => {
  it('has such routes to check', () => {
    expect(routes.filter(teamScoped).length).toBeGreaterThanOrEqual(30);
  });

  for (const role of ['viewer', 'operator', 'admin'] as const) {
    it(`lets a team ${role} do what the role allows and refuses the rest with 403`, async () => {
      const allowed: string[] = [];
      const refused: string[] = [];
      for (const r of routes.filter(teamScoped)) {
        // Leaving a team is any member's right: checked by the team tests below.
        if (r.pattern === '/api/v1/teams/[team]/members/[user]' && r.method === 'DELETE') continue;
        await ensureShop();
        const res = await call(r, tokens[role]);
        if (SITE_ADMIN_ONLY.includes(label(r)) && roleAllows(role, neededScope(r))) {
          expect(res.status, `${label(r)} as ${role}`).toBe(403);
          expect(res.message).toContain('only an admin may');
        } else if (roleAllows(role, neededScope(r))) {
          expect(res.status, `${label(r)} as ${role}: ${res.message}`).not.toBe(403);
          expect(gone(res.message), `${label(r)} as ${role}: ${res.message}`).toBe(false);
          allowed.push(label(r));
        } else {
          expect(res.status, `${label(r)} as ${role}`).toBe(403);
          expect(res.message).toContain(`your role in team "acme" is ${role}`);
          refused.push(label(r));
        }
      }
      if (role === 'viewer') expect(refused).toContain('POST /api/v1/vdcs/[name]/deploy');
      if (role === 'operator') {
        expect(allowed).toContain('POST /api/v1/vdcs/[name]/deploy');
        expect(refused).toContain('POST /api/v1/teams/[team]/invites');
      }
      if (role === 'admin') expect(refused).toEqual([]);
    });
  }

  it('answers 404 to someone outside the team, on every such route', async () => {
    for (const r of routes.filter(teamScoped)) {
      await ensureShop();
      const res = await call(r, tokens.outsider);
      expect(res.status, `${label(r)} as an outsider`).toBe(404);
      expect(gone(res.message), `${label(r)}: ${res.message}`).toBe(true);
    }
  });
});

describe('no cross-team read in lists', () => {
  const list = async (path: string, token: string) => {
    const r = routes.find((x) => x.method === 'GET' && x.pattern === path);
    if (!r) throw new Error(`no route ${path}`);
    const req = new Request(`http://127.0.0.1${path}`, { headers: { authorization: `Bearer ${token}` } });
    return JSON.stringify(await (await r.handler(req, { params: Promise.resolve({}) as Promise<never> })).json());
  };

  it('lists the team and its VDC to members only', async () => {
    await ensureShop();
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      expect(await list('/api/v1/vdcs', tokens[role])).toContain('"name":"shop"');
      expect(await list('/api/v1/teams', tokens[role])).toContain('"slug":"acme"');
    }
    const outside = await list('/api/v1/vdcs', tokens.outsider);
    expect(outside).toContain('"name":"elsewhere"');
    expect(outside).not.toContain('"name":"shop"');
    expect(await list('/api/v1/teams', tokens.outsider)).not.toContain('acme');
    expect(await list('/api/v1/vdcs', tokens.admin)).not.toContain('elsewhere');
  });

  it("hides an operation of the team's VDC from an outsider", async () => {
    const op = await getPrisma().operation.findFirst({ where: { vdc: { name: 'shop' } } });
    expect(op).not.toBeNull();
    const r = routes.find((x) => x.method === 'GET' && x.pattern === '/api/v1/operations/[id]')!;
    const ask = async (token: string) =>
      (await r.handler(new Request(`http://127.0.0.1/api/v1/operations/${op!.id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: op!.id }) as Promise<never> })).status;
    expect(await ask(tokens.viewer)).toBe(200);
    expect(await ask(tokens.outsider)).toBe(404);
  });
});
