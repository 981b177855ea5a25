import { describe, expect, it } from 'vitest';
import { type AssemblyDefinition, assemblyDefinitionSchema } from './assembly-schema';
import { createCatalog } from './memory-catalog';
import { expandAssemblies } from './expand-assemblies';
import { fixtureClasses } from './test-fixtures';
import { validateAssembly } from './validate-assembly';
import { validateManifest } from './validate-manifest';

/** lb → 2 web → db inside; `http` (lb.in) in, nothing out; `workers` exposed. */
function webTier(over: Partial<AssemblyDefinition> = {}): AssemblyDefinition {
  return assemblyDefinitionSchema.parse({
    apiVersion: 'colo/v1',
    kind: 'Assembly',
    id: 'web-tier',
    version: 1,
    title: 'Web tier',
    appliances: [
      { name: 'lb', class: 'halb' },
      { name: 'web', class: 'web-php', replicas: 2 },
      { name: 'db', class: 'postgres', properties: { database: 'app' } },
    ],
    connections: [
      { from: 'lb.out', to: 'web.in' },
      { from: 'web.db', to: 'db.in' },
    ],
    terminals: [{ name: 'http', endpoint: 'lb.in' }, { name: 'files', endpoint: 'web.fs' }],
    properties: [{ name: 'phpWorkers', target: 'web.workers', default: 6, label: 'PHP workers' }],
    ...over,
  });
}

const catalogWith = (...defs: AssemblyDefinition[]) => createCatalog(fixtureClasses, {}, defs);

function manifest(appliances: unknown[], connections: unknown[] = []) {
  return { apiVersion: 'colo/v1', kind: 'VDC', name: 'site', appliances, connections };
}

describe('an assembly as one box', () => {
  it('has the boundary terminals and exposed properties of its interior', () => {
    const box = catalogWith(webTier()).get('web-tier@1')!;
    expect(box.terminals.inputs.map((t) => [t.name, t.protocol, t.port])).toEqual([['http', 'http', 80]]);
    expect(box.terminals.outputs.map((t) => [t.name, t.protocol])).toEqual([['files', 'fs']]);
    expect(box.properties).toMatchObject([{ name: 'phpWorkers', type: 'integer', default: 6, max: 64 }]);
    expect(catalogWith(webTier()).assembly?.('web-tier')?.version).toBe(1);
    expect(catalogWith(webTier()).assembly?.('halb')).toBeUndefined();
  });

  it('validates like any class on a canvas, and refuses sizes on the box', () => {
    const catalog = catalogWith(webTier());
    const ok = validateManifest(
      manifest([{ name: 'shop', class: 'web-tier@1', properties: { phpWorkers: 8 } }, { name: 'files', class: 'nas' }], [{ from: 'shop.files', to: 'files.fs' }]),
      catalog,
    );
    expect(ok.errors).toEqual([]);
    const bad = validateManifest(
      manifest([{ name: 'shop', class: 'web-tier@1', replicas: 2, standby: true, properties: { phpWorkers: 99 } }]),
      catalog,
    );
    const messages = bad.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
    expect(messages).toContain('appliances[0].replicas: an assembly has no replicas of its own');
    expect(messages).toContain('appliances[0].standby: an assembly has no standby of its own');
    expect(messages).toMatch(/appliances\[0\]\.properties\.phpWorkers: .*at most 64/);
  });

  it('a class wins an id both claim', () => {
    const catalog = catalogWith(webTier({ id: 'halb' }));
    expect(catalog.assembly?.('halb')).toBeUndefined();
    expect(catalog.get('halb')?.title).toBe('HTTP load balancer');
  });
});

describe('expanding assemblies', () => {
  it('prefixes the interior, maps wires, properties, ports and boot order', () => {
    const catalog = catalogWith(webTier());
    const checked = validateManifest(
      manifest(
        [
          { name: 'shop', class: 'web-tier@1', properties: { phpWorkers: 8 }, expose: [{ terminal: 'http', port: 8080 }], startAfter: ['files'] },
          { name: 'files', class: 'nas' },
          { name: 'later', class: 'redis', startAfter: ['shop'] },
        ],
        [{ from: 'shop.files', to: 'files.fs' }],
      ),
      catalog,
    );
    expect(checked.errors).toEqual([]);
    const result = expandAssemblies(checked.manifest!, catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byName = Object.fromEntries(result.manifest.appliances.map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(['shop-lb', 'shop-web', 'shop-db', 'files', 'later']);
    expect(byName['shop-lb'].expose).toEqual([{ terminal: 'in', port: 8080 }]);
    expect(byName['shop-web'].properties).toEqual({ workers: 8 });
    expect(byName['shop-web'].replicas).toBe(2);
    expect(byName['shop-db'].startAfter).toEqual(['files']);
    expect(byName.later.startAfter).toEqual(['shop-lb', 'shop-web', 'shop-db']);
    expect(result.manifest.connections).toEqual([
      { from: 'shop-lb.out', to: 'shop-web.in' },
      { from: 'shop-web.db', to: 'shop-db.in' },
      { from: 'shop-web.fs', to: 'files.fs' },
    ]);
    // What expansion makes is a plain manifest the validator accepts without any assembly.
    expect(validateManifest(result.manifest, createCatalog(fixtureClasses)).errors).toEqual([]);
  });

  it('uses the exposed default when the box sets nothing', () => {
    const catalog = catalogWith(webTier());
    const result = expandAssemblies(validateManifest(manifest([{ name: 'a', class: 'web-tier' }]), catalog, { mode: 'edit' }).manifest!, catalog);
    expect(result.ok && result.manifest.appliances.find((a) => a.name === 'a-web')?.properties).toEqual({ workers: 6 });
  });

  it('expands nested assemblies through their boundary terminals', () => {
    const inner = webTier();
    const outer = assemblyDefinitionSchema.parse({
      apiVersion: 'colo/v1',
      kind: 'Assembly',
      id: 'two-sites',
      version: 1,
      title: 'Two sites',
      appliances: [
        { name: 'a', class: 'web-tier@1' },
        { name: 'b', class: 'web-tier@1' },
        { name: 'files', class: 'nas' },
      ],
      connections: [
        { from: 'a.files', to: 'files.fs' },
        { from: 'b.files', to: 'files.fs' },
      ],
      terminals: [{ name: 'web', endpoint: 'a.http' }],
    });
    const catalog = catalogWith(inner, outer);
    expect(validateAssembly(outer, catalogWith(inner)).errors).toEqual([]);
    const checked = validateManifest(manifest([{ name: 'x', class: 'two-sites@1', expose: [{ terminal: 'web', port: 9000 }] }]), catalog);
    expect(checked.errors).toEqual([]);
    const result = expandAssemblies(checked.manifest!, catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const names = result.manifest.appliances.map((a) => a.name);
    expect(names).toEqual(['x-a-lb', 'x-a-web', 'x-a-db', 'x-b-lb', 'x-b-web', 'x-b-db', 'x-files']);
    expect(result.manifest.connections).toContainEqual({ from: 'x-a-web.fs', to: 'x-files.fs' });
    expect(result.manifest.appliances.find((a) => a.name === 'x-a-lb')?.expose).toEqual([{ terminal: 'in', port: 9000 }]);
    expect(validateManifest(result.manifest, createCatalog(fixtureClasses)).errors).toEqual([]);
  });

  it('reports a box name too long for its interior, and a clash, at the box', () => {
    const catalog = catalogWith(webTier());
    const long = 'a'.repeat(30);
    const r1 = expandAssemblies(validateManifest(manifest([{ name: long, class: 'web-tier@1' }]), catalog, { mode: 'edit' }).manifest!, catalog);
    expect(r1.ok).toBe(false);
    expect(r1.errors[0]).toMatchObject({ path: 'appliances[0].name' });
    expect(r1.errors[0].message).toContain('longer than a DNS label');
    const r2 = expandAssemblies(
      validateManifest(manifest([{ name: 's', class: 'web-tier@1' }, { name: 's-web', class: 'redis' }]), catalog, { mode: 'edit' }).manifest!,
      catalog,
    );
    expect(r2.ok).toBe(false);
    expect(r2.errors[0].message).toContain('"s-web"');
  });
});

describe('validating an assembly definition', () => {
  const catalog = createCatalog(fixtureClasses);
  const errorsOf = (input: unknown) => validateAssembly(input, catalog).errors.map((e) => `${e.path}: ${e.message}`);

  it('accepts a sound one', () => {
    expect(validateAssembly(webTier(), catalog)).toMatchObject({ ok: true, errors: [] });
  });

  it('names each problem where it is', () => {
    const def = {
      ...webTier(),
      appliances: [
        { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
        { name: 'web', class: 'web-php', replicas: 2 },
        { name: 'db', class: 'postgres', properties: { database: 'app' } },
      ],
      connections: [{ from: 'web.db', to: 'db.in' }],
      terminals: [
        { name: 'http', endpoint: 'lb.in' },
        { name: 'http', endpoint: 'web.nope' },
        { name: 'dbout', endpoint: 'web.db' },
        { name: 'ghost', endpoint: 'gone.in' },
      ],
      properties: [
        { name: 'w', target: 'web.workers', default: 500 },
        { name: 'x', target: 'web.colour' },
      ],
    };
    const errors = errorsOf(def);
    expect(errors).toContain('appliances[0].expose: an assembly publishes no host port itself: make the terminal a boundary terminal, and publish it on the box where the assembly is used');
    expect(errors).toContain('terminals[1].name: boundary terminal "http" is named twice');
    expect(errors).toContain('terminals[1].endpoint: appliance "web" has no terminal "nope"');
    expect(errors).toContain('terminals[2].endpoint: output web.db is wired inside the assembly; a boundary output is left for the canvas to wire');
    expect(errors).toContain('terminals[3].endpoint: no appliance "gone" inside the assembly');
    expect(errors).toContain('appliances[0]: mandatory output lb.out is neither wired inside the assembly nor a boundary terminal');
    expect(errors.some((e) => e.startsWith('properties[0].default: must be at most 64'))).toBe(true);
    expect(errors).toContain('properties[1].target: class "web-php" has no property "colour"');
  });

  it('refuses bad shapes and interior errors with their paths', () => {
    expect(errorsOf({ ...webTier(), kind: 'VDC' })).toContain('kind: must be "Assembly"');
    expect(errorsOf({ ...webTier(), appliances: [] })).toContain('appliances: an assembly holds at least one appliance');
    const typo = errorsOf({ ...webTier(), appliances: [{ name: 'lb', class: 'halbb' }], connections: [], terminals: [], properties: [] });
    expect(typo.some((e) => e.startsWith('appliances[0].class: unknown class "halbb"'))).toBe(true);
  });
});
