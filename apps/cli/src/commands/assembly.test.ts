import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const kit = {
  id: 'web-tier',
  title: 'Web tier',
  description: 'lb and web',
  icon: 'boxes',
  version: 2,
  visibility: 'shared',
  owner: { id: 'usr_a', name: 'Ann', email: 'ann@example.com' },
  mine: true,
  versions: [
    { version: 2, note: 'three replicas', createdAt: '2026-12-03T09:00:00.000Z' },
    { version: 1, note: '', createdAt: '2026-12-02T09:00:00.000Z' },
  ],
  sharedWith: [{ id: 'usr_b', name: 'Bo', email: 'bo@example.com' }],
  usedBy: [{ vdc: 'shop', version: 1, appliances: ['site'] }],
  definition: { id: 'web-tier', appliances: [{ name: 'lb', class: 'halb@1' }], terminals: [{ name: 'http', endpoint: 'lb.in' }], properties: [] },
  createdAt: '2026-12-02T09:00:00.000Z',
  updatedAt: '2026-12-03T09:00:00.000Z',
};

describe('colo assembly', () => {
  it('lists assemblies with version, visibility, owner and use', async () => {
    server = await startFakeColo({ 'GET /assemblies': { body: { assemblies: [kit, { ...kit, id: 'db-pair', title: 'DB pair', mine: false, visibility: 'published', usedBy: [], sharedWith: undefined }] } } });
    const [head, mine, theirs] = (await runCli(['assembly', 'ls'], { server })).stdout.split('\n');
    expect(head).toMatch(/^ID\s+TITLE\s+VERSION\s+VISIBILITY\s+OWNER\s+USED BY$/);
    expect(mine).toMatch(/^web-tier\s+Web tier\s+2\s+shared\s+you\s+shop@1$/);
    expect(theirs).toMatch(/^db-pair\s+DB pair\s+2\s+published\s+ann@example\.com\s+-$/);
  });

  it('saves a definition file and says how to place it', async () => {
    server = await startFakeColo({ 'POST /assemblies': { status: 201, body: { id: 'web-tier', version: 3, definition: {} } } });
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-cli-assembly-'));
    writeFileSync(path.join(dir, 'def.yaml'), 'id: web-tier\ntitle: Web tier\nappliances: [{ name: lb, class: halb }]\n');
    const res = await runCli(['assembly', 'save', path.join(dir, 'def.yaml'), '--note', 'more'], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/assemblies', body: { assembly: { id: 'web-tier', title: 'Web tier' }, note: 'more' } });
    expect(res.stdout).toContain('saved assembly web-tier version 3 (VDCs on version 2 or older keep theirs until their box is upgraded)');
    expect(res.stdout).toContain('class: web-tier@3');
  });

  it('prints the server\'s reasons when a definition is refused', async () => {
    server = await startFakeColo({
      'POST /assemblies': apiError(422, 'invalid_manifest', 'invalid assembly: properties[0].target: no appliance "x" (and 1 more)', {
        issues: [
          { path: 'properties[0].target', message: 'no appliance "x" inside the assembly', severity: 'error' },
          { path: 'terminals[0].endpoint', message: 'appliance "lb" has no terminal "nope"', severity: 'error' },
        ],
      }),
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-cli-assembly-'));
    writeFileSync(path.join(dir, 'def.yaml'), 'id: x\n');
    const res = await runCli(['assembly', 'save', path.join(dir, 'def.yaml')], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('terminals[0].endpoint: appliance "lb" has no terminal "nope"');
  });

  it('shares with users, publishes, or makes private: exactly one of them', async () => {
    server = await startFakeColo({ 'PUT /assemblies/:id/sharing': { body: { assembly: kit } } });
    const res = await runCli(['assembly', 'share', 'web-tier', '--with', 'bo@example.com, cy@example.com'], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'PUT', path: '/assemblies/web-tier/sharing', body: { visibility: 'shared', users: ['bo@example.com', 'cy@example.com'] } });
    expect(res.stdout).toBe('assembly web-tier: shared with bo@example.com\n');
    const both = await runCli(['assembly', 'share', 'web-tier', '--publish', '--private'], { server });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --private, --publish or --with');
    expect((await runCli(['assembly', 'ls', '--publish'], { server })).code).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it('shows an assembly, and an older version as YAML to edit', async () => {
    server = await startFakeColo({
      'GET /assemblies/:id': { body: { assembly: kit } },
      'GET /assemblies/:id/versions/:version': { body: { definition: { id: 'web-tier', version: 1, title: 'Old' } } },
    });
    const shown = await runCli(['assembly', 'show', 'web-tier'], { server });
    expect(shown.stdout).toContain('web-tier: Web tier (version 2 of 2)');
    expect(shown.stdout).toContain('terminals: http → lb.in');
    expect(shown.stdout).toContain('used by: shop@1');
    const old = await runCli(['assembly', 'show', 'web-tier', '--version', '1', '--yaml'], { server });
    expect(old.stdout).toBe('id: web-tier\nversion: 1\ntitle: Old\n');
  });

  it('exports to a file (never over one) and imports a file', async () => {
    server = await startFakeColo({
      'GET /assemblies/:id/bundle': { body: { bundle: { kind: 'AssemblyBundle', from: { assembly: 'web-tier', version: 2 } }, text: 'kind: AssemblyBundle\n' } },
      'POST /assemblies/import': { status: 201, body: { added: ['web-tier@2'], assembly: { id: 'web-tier', version: 2 }, report: ['adds assembly web-tier version 2 (Web tier)'] } },
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-cli-assembly-'));
    const file = path.join(dir, 'web-tier.colo.yaml');
    const out = await runCli(['assembly', 'export', 'web-tier', '--version', '2', '-o', file], { server });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(`wrote ${file} (assembly web-tier, version 2)\n`);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/assemblies/web-tier/bundle' });
    expect((await runCli(['assembly', 'export', 'web-tier', '-o', file], { server })).code).toBe(1);
    const imported = await runCli(['assembly', 'import', file], { server });
    expect(imported.code, imported.stderr).toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/assemblies/import', body: { bundle: 'kind: AssemblyBundle\n' } });
    expect(imported.stdout).toBe('adds assembly web-tier version 2 (Web tier)\nassembly web-tier version 2 is ready to place (class: web-tier@2)\n');
  });
});
