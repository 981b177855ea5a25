// Manifests that ask for anything outside the safety rules are refused with an error naming
// the place in words (appliance · field, the wording the editor, the API and the CLI share),
// and nothing is created: no VDC row, no Docker object.
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPattern, loadApiRoutes } from '../../apps/web/test/route-files';
import { colo, docker, freePort, instanceFilter } from './harness';
import { type Colo, api, startColo } from './setup';

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-bad-'));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};

let c: Colo;
beforeAll(async () => {
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

const cases: { name: string; manifest: string; expect: RegExp[] }[] = [
  {
    name: 'privileged, host paths, host network, capabilities',
    manifest: `apiVersion: colo/v1
kind: VDC
name: evil
appliances:
  - { name: web, class: web-php, privileged: true }
  - { name: web2, class: web-php, volumes: ["/:/host"] }
  - { name: web3, class: web-php, network_mode: host }
  - { name: web4, class: web-php, cap_add: [SYS_ADMIN] }
`,
    expect: [/^\s*web · privileged: .*never runs privileged/m, /^\s*web2 · volumes: .*host paths/m, /^\s*web3 · network_mode: .*host networking/m, /^\s*web4 · cap_add: .*capabilities/m],
  },
  {
    name: 'unknown class and bad names',
    manifest: `apiVersion: colo/v1
kind: VDC
name: Bad_Name
appliances:
  - { name: web, class: web-phq }
  - { name: "Web 2", class: web-php }
`,
    expect: [/^\s*VDC name: must be a DNS label/m, /^\s*web · class: unknown class "web-phq" \(did you mean "web-php"\?\)/m, /^\s*appliance 2 · name: must be a DNS label/m],
  },
  {
    name: 'dangling and mistyped connections',
    manifest: `apiVersion: colo/v1
kind: VDC
name: wires
appliances:
  - { name: lb, class: halb }
  - { name: web, class: web-php }
  - { name: cache, class: redis }
connections:
  - { from: lb.out, to: nowhere.in }
  - { from: web.db, to: cache.in }
`,
    expect: [/^\s*wire lb\.out → nowhere\.in: unknown appliance "nowhere"/m, /^\s*wire web\.db → cache\.in: protocols do not match/m],
  },
  {
    name: 'limits out of bounds',
    manifest: `apiVersion: colo/v1
kind: VDC
name: greedy
appliances:
  - { name: db, class: postgres, replicas: 7, resources: { cpu: 512, memory: 900Gi } }
`,
    expect: [/^\s*db · replicas: at most 1$/m, /^\s*db · cpu: at most 8$/m, /^\s*db · memory: at most 16Gi$/m],
  },
];

describe('bad manifests', () => {
  for (const tc of cases) {
    it(`refuses ${tc.name}, naming each place, and creates nothing`, async () => {
      const file = write(`${tc.name.replace(/\W+/g, '-')}.yaml`, tc.manifest);
      const validate = await colo(['validate', '-f', file], c.env);
      expect(validate.code).not.toBe(0);
      const apply = await colo(['apply', '-f', file, '--wait'], c.env);
      expect(apply.code).not.toBe(0);
      for (const re of tc.expect) expect(apply.stderr + apply.stdout).toMatch(re);
      const { json } = await api<{ vdcs: unknown[] }>(c, 'GET', '/vdcs');
      expect(json.vdcs).toEqual([]);
      expect(await docker.listContainers({ all: true, ...instanceFilter() })).toEqual([]);
      expect(await docker.listNetworks(instanceFilter())).toEqual([]);
    });
  }

  it('refuses a host port another VDC already uses', async () => {
    // A free port: the first VDC really publishes it, beside whatever else runs on this machine.
    const port = await freePort();
    const first = write('first.yaml', `apiVersion: colo/v1
kind: VDC
name: first
appliances:
  - { name: site, class: web-static, expose: [{ terminal: in, port: ${port} }] }
`);
    const second = write('second.yaml', `apiVersion: colo/v1
kind: VDC
name: second
appliances:
  - { name: site, class: web-static, expose: [{ terminal: in, port: ${port} }] }
`);
    const ok = await colo(['apply', '-f', first], c.env);
    expect(ok.code, ok.stderr).toBe(0);
    const clash = await colo(['apply', '-f', second], c.env);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr + clash.stdout).toMatch(new RegExp(`site · host port: host port ${port} is already used by VDC "first"`));
  });

  it('answers 401 without a token on every route, and every page asks to sign in', async () => {
    // Every route the route files define, public sign-in and setup aside, and the one route a
    // one-use link opens (its secret is the credential: a wrong one is a 404, tested with it).
    const routes = (await loadApiRoutes())
      .filter((r) => r.handler.access?.auth === 'user')
      .map((r) => [r.method, fillPattern(r.pattern, { name: 'x', appliance: 'web', id: 'op_x' })] as const);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const [method, route] of routes) {
      const res = await fetch(`${c.url}/api/v1${route}`, { method });
      expect(res.status, `${method} ${route}`).toBe(401);
      const bad = await fetch(`${c.url}/api/v1${route}`, { method, headers: { authorization: 'Bearer nope' } });
      expect(bad.status, `${method} ${route} with a bad token`).toBe(401);
    }
    // Pages: without a session every page sends the browser to sign in.
    for (const page of ['/', '/vdcs', '/vdcs/x', '/vdcs/x/appliances/web', '/settings/tokens']) {
      const res = await fetch(`${c.url}${page}`, { redirect: 'manual' });
      expect([302, 303, 307, 308], page).toContain(res.status);
      expect(res.headers.get('location') ?? '', page).toMatch(/\/(login|setup)/);
    }
  });
});
