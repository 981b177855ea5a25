// Bundles that carry assemblies (format 2): the versions a manifest places travel as definitions,
// land on a Colo that lacks them as new assemblies, match the ones it has, and are refused with
// the reason when they are unsound or clash with what is there.
import { type AssemblyDefinition, assemblyDefinitionSchema, type Catalog, type Manifest, validateManifest, withAssemblies } from '@colo/manifest';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAssemblyBundle, importAssemblyBundle } from './assembly-bundle';
import { bundleChecksum } from './bundle-checksum';
import { exportBundle } from './export-bundle';
import { importBundle } from './import-bundle';
import { stockCatalog } from './test-catalog';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

function tier(id: string, version = 1, over: Record<string, unknown> = {}): AssemblyDefinition {
  return assemblyDefinitionSchema.parse({
    apiVersion: 'colo/v1',
    kind: 'Assembly',
    id,
    version,
    title: `Tier ${id}`,
    appliances: [
      { name: 'lb', class: 'halb@1' },
      { name: 'web', class: 'web-static@1', replicas: 2 },
    ],
    connections: [{ from: 'lb.out', to: 'web.in' }],
    terminals: [{ name: 'http', endpoint: 'lb.in' }],
    ...over,
  });
}

/** Two boxes of `outer`, which itself holds a `tier` box: nested assemblies travel too. */
function nested(): AssemblyDefinition[] {
  const inner = tier('inner-tier');
  const outer = assemblyDefinitionSchema.parse({
    apiVersion: 'colo/v1',
    kind: 'Assembly',
    id: 'outer-tier',
    version: 3,
    title: 'Outer',
    appliances: [{ name: 'front', class: 'inner-tier@1' }, { name: 'files', class: 'nas@1' }],
    terminals: [{ name: 'http', endpoint: 'front.http' }],
  });
  return [inner, outer];
}

function site(defs: AssemblyDefinition[]): Manifest {
  const verdict = validateManifest(
    {
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'boxed',
      appliances: [
        { name: 'a', class: 'outer-tier@3', expose: [{ terminal: 'http', port: 18080 }] },
        { name: 'b', class: 'inner-tier@1' },
      ],
    },
    withAssemblies(catalog, defs),
  );
  if (!verdict.ok) throw new Error(verdict.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return verdict.manifest;
}

function exported(defs = nested()) {
  return exportBundle(site(defs), { catalog: withAssemblies(catalog, defs), assemblies: defs, isStock: () => true, revision: 1 });
}

function resigned(edit: (bundle: Record<string, unknown>) => void): string {
  const bundle = parse(exported().text) as Record<string, unknown>;
  edit(bundle);
  return stringify({ ...bundle, checksum: bundleChecksum(bundle) });
}

describe('bundles with assemblies', () => {
  it('carry every assembly version placed (nested too) as format 2, and the classes inside them', () => {
    const { bundle } = exported();
    expect(bundle.format).toBe(2);
    expect((bundle.assemblies ?? []).map((a) => `${a.id}@${a.version}`)).toEqual(['inner-tier@1', 'outer-tier@3']);
    expect(bundle.classes.map((c) => c.ref)).toEqual(['halb@1', 'nas@1', 'web-static@1']);
    // Without assemblies a bundle stays format 1: older Colos still read it.
    const manifest = validateManifest({ apiVersion: 'colo/v1', kind: 'VDC', name: 'p', appliances: [{ name: 'w', class: 'web-static' }] }, catalog).manifest!;
    const plain = exportBundle(manifest, { catalog, isStock: () => true, revision: 1 });
    expect(plain.bundle.format).toBe(1);
    expect(plain.bundle).not.toHaveProperty('assemblies');
  });

  it('land as new assemblies on a Colo without them, with the identical manifest', () => {
    const text = exported().text;
    const result = importBundle(text, { catalog });
    if (!result.ok) throw new Error(result.reasons.join('; '));
    expect(result.newAssemblies.map((a) => `${a.id}@${a.version}`)).toEqual(['inner-tier@1', 'outer-tier@3']);
    expect(result.manifest).toEqual(site(nested()));
    expect(result.report).toContain('adds assembly outer-tier version 3 (Outer)');
  });

  it('match the versions the importer already has, and refuse a different one under the same version', () => {
    const same = importBundle(exported().text, { catalog, assemblies: nested() });
    expect(same).toMatchObject({ ok: true, newAssemblies: [] });
    const changed = [tier('inner-tier', 1, { title: 'Someone else' }), nested()[1]];
    const clash = importBundle(exported().text, { catalog, assemblies: changed });
    expect(clash).toEqual({ ok: false, reasons: ['assembly inner-tier@1 exists on this Colo with a different definition'] });
  });

  it('refuse an unsound definition, an assembly under a class id, and a missing one, with reasons', () => {
    const unsound = importBundle(
      resigned((b) => {
        (b.assemblies as Record<string, unknown>[])[0].terminals = [{ name: 'http', endpoint: 'lb.nowhere' }];
      }),
      { catalog },
    );
    expect(unsound.ok).toBe(false);
    expect(!unsound.ok && unsound.reasons).toContain('assembly inner-tier@1: terminals[0].endpoint: appliance "lb" has no terminal "nowhere"');

    const asClass = importBundle(
      resigned((b) => {
        (b.assemblies as Record<string, unknown>[])[0].id = 'halb';
      }),
      { catalog },
    );
    expect(!asClass.ok && asClass.reasons[0]).toBe('assembly halb@1: "halb" is a class on this Colo');

    const missing = importBundle(
      resigned((b) => {
        b.assemblies = (b.assemblies as Record<string, unknown>[]).slice(1);
      }),
      { catalog },
    );
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reasons.join('\n')).toContain('inner-tier@1');

    const privileged = importBundle(
      resigned((b) => {
        ((b.assemblies as Record<string, unknown>[])[0].appliances as Record<string, unknown>[])[0].privileged = true;
      }),
      { catalog },
    );
    expect(!privileged.ok && privileged.reasons.join('\n')).toMatch(/assemblies\[0\].*privileged/);
  });

  it('an edit after export is caught by the checksum', () => {
    const bundle = parse(exported().text) as Record<string, unknown>;
    (bundle.assemblies as Record<string, unknown>[])[0].title = 'edited';
    expect(importBundle(stringify(bundle), { catalog })).toEqual({ ok: false, reasons: ['the bundle was changed after export (its checksum does not match)'] });
  });
});

describe('an assembly as one file', () => {
  it('round-trips one version with what it contains, and is refused where a VDC bundle is expected', () => {
    const [inner, outer] = nested();
    const { bundle, text } = exportAssemblyBundle(outer, [inner, outer], { catalog: withAssemblies(catalog, [inner, outer]), isStock: () => true });
    expect(bundle).toMatchObject({ kind: 'AssemblyBundle', format: 2, from: { assembly: 'outer-tier', version: 3 } });
    expect(bundle.assemblies.map((a) => `${a.id}@${a.version}`)).toEqual(['inner-tier@1', 'outer-tier@3']);
    expect(bundle.classes.map((c) => c.ref)).toEqual(['halb@1', 'nas@1', 'web-static@1']);

    const fresh = importAssemblyBundle(text, { catalog });
    if (!fresh.ok) throw new Error(fresh.reasons.join('; '));
    expect(fresh.newAssemblies).toEqual([inner, outer]);
    expect(importAssemblyBundle(text, { catalog, assemblies: [inner] })).toMatchObject({ ok: true, newAssemblies: [outer] });

    expect(importBundle(text, { catalog })).toEqual({ ok: false, reasons: ['this file holds an assembly, not a VDC: import it with colo assembly import FILE (POST /api/v1/assemblies/import)'] });
    expect(importAssemblyBundle(exported().text, { catalog })).toEqual({ ok: false, reasons: ['this file holds a VDC, not an assembly: import it with colo import FILE'] });
  });

  it('refuses an edited file, a missing main assembly and a committed class version', () => {
    const [inner, outer] = nested();
    const { bundle } = exportAssemblyBundle(outer, [inner, outer], { catalog: withAssemblies(catalog, [inner, outer]), isStock: (id) => id !== 'nas' });
    const text = stringify(bundle);
    const committed = importAssemblyBundle(text, { catalog });
    expect(!committed.ok && committed.reasons).toEqual(['class nas version 1 is a committed version of the exporting Colo; patch it here or pin a stock version']);
    const edited = { ...bundle, from: { assembly: 'outer-tier', version: 9 } };
    expect(importAssemblyBundle(stringify(edited), { catalog })).toEqual({ ok: false, reasons: ['the bundle was changed after export (its checksum does not match)'] });
    const { checksum: _c, ...rest } = { ...bundle, from: { assembly: 'outer-tier', version: 9 } };
    const resignedMissing = stringify({ ...rest, checksum: bundleChecksum(rest) });
    const missing = importAssemblyBundle(resignedMissing, { catalog });
    expect(!missing.ok && missing.reasons).toContain('the bundle names assembly outer-tier@9 but does not carry it');
  });
});
