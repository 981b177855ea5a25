// exportBundle → importBundle over every stock assembly, and the bundles an importer must refuse:
// edited after export, a newer format, classes this Colo does not have or cannot have.
import { withStoredVersions } from '@colo/catalog';
import { type Catalog, type Manifest, parseManifestText, validateManifest } from '@colo/manifest';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleChecksum } from './bundle-checksum';
import { exportBundle } from './export-bundle';
import { importBundle } from './import-bundle';
import { assemblies, stockCatalog } from './test-catalog';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const isStockIn = (c: Catalog) => (id: string, version: number) => c.get(`${id}@${version}`) !== undefined;

function assemblyManifest(text: string): Manifest {
  const verdict = validateManifest(parseManifestText(text).value, catalog);
  if (!verdict.ok) throw new Error(verdict.errors.map((e) => e.message).join('; '));
  return verdict.manifest;
}

function resign(bundle: Record<string, unknown>): string {
  return stringify({ ...bundle, checksum: bundleChecksum(bundle) });
}

describe('importBundle', () => {
  it.each(assemblies())('round-trips $file', ({ text }) => {
    const manifest = assemblyManifest(text);
    const exported = exportBundle(manifest, { catalog, isStock: isStockIn(catalog), revision: 1 });
    expect(exported.bundle.classes.every((c) => c.origin === 'stock')).toBe(true);
    const imported = importBundle(exported.text, { catalog });
    if (!imported.ok) throw new Error(imported.reasons.join('; '));
    expect(imported.manifest).toEqual(manifest);
    expect(importBundle(exported.text, { catalog, name: 'copy' })).toMatchObject({ ok: true, manifest: { name: 'copy' } });
  });

  const first = () => exportBundle(assemblyManifest(assemblies()[0].text), { catalog, isStock: isStockIn(catalog), revision: 3 });

  it('refuses a bundle changed after export', () => {
    const bundle = parse(first().text);
    bundle.manifest.name = 'edited';
    expect(importBundle(stringify(bundle), { catalog })).toEqual({ ok: false, reasons: ['the bundle was changed after export (its checksum does not match)'] });
  });

  it('refuses a newer format', () => {
    const bundle = { ...parse(first().text), format: 3 };
    expect(importBundle(resign(bundle), { catalog })).toEqual({ ok: false, reasons: ['format 3 is newer than this Colo reads (2)'] });
  });

  it('refuses a class version committed on the exporting Colo, and one it does not know', () => {
    const web = catalog.get('web-php@1');
    if (!web) throw new Error('stock web-php@1 missing');
    const patched = withStoredVersions(catalog, [{ classId: 'web-php', version: 3, definition: { ...web }, image: 'colo/web-php:3-x' }], new Map());
    const manifest: Manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'web', class: 'web-php@3' }], connections: [] } as unknown as Manifest;
    const exported = exportBundle(manifest, { catalog: patched, isStock: isStockIn(catalog), revision: 1 });
    expect(exported.bundle.classes).toEqual([{ ref: 'web-php@3', id: 'web-php', version: 3, origin: 'committed' }]);
    const refusal = importBundle(exported.text, { catalog });
    expect(refusal.ok).toBe(false);
    expect(!refusal.ok && refusal.reasons).toContain('class web-php version 3 is a committed version of the exporting Colo; patch it here or pin a stock version');

    const unknown = { ...exported.bundle, classes: [{ ref: 'web-php@3', id: 'web-php', version: 3, origin: 'stock' }] };
    const second = importBundle(resign(unknown), { catalog });
    expect(!second.ok && second.reasons).toContain("class web-php version 3 is not in this Colo's catalog");
  });

  it('refuses a manifest class the bundle does not list', () => {
    const bundle = parse(first().text);
    bundle.classes = [];
    const result = importBundle(resign(bundle), { catalog });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reasons.some((r) => /not listed in the bundle's classes/.test(r))).toBe(true);
  });
});
