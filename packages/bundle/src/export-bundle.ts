// A manifest into a bundle: every class reference it makes, resolved in the exporting catalog and
// marked stock (templates/, on every Colo) or committed (a patch made here, whose image stays here).
import { type AssemblyDefinition, type Catalog, canonicalManifest, type Manifest } from '@colo/manifest';
import { stringify } from 'yaml';
import { bundleChecksum } from './bundle-checksum';
import { type Bundle, type BundleClass, FORMAT_WITH_ASSEMBLIES } from './bundle-schema';

export interface ExportBundleOptions {
  catalog: Catalog;
  /** Whether `id@version` is a stock version (templates/), not one committed on this Colo. */
  isStock: (id: string, version: number) => boolean;
  revision: number;
  /** The assembly versions the manifest places, and what they contain (the catalog resolves them too). */
  assemblies?: readonly AssemblyDefinition[];
  /** Defaults to now; tests pass a fixed time. */
  exportedAt?: Date;
}

export interface ExportedBundle {
  bundle: Bundle;
  text: string;
}

/**
 * Every class the manifest and its assemblies use. Class references the catalog does not resolve
 * are left out; the importer refuses them. Assembly boxes are not classes: they travel as definitions.
 */
export function bundleClasses(manifest: Pick<Manifest, 'appliances'>, options: Pick<ExportBundleOptions, 'catalog' | 'isStock' | 'assemblies'>): BundleClass[] {
  const all = [...manifest.appliances, ...(options.assemblies ?? []).flatMap((d) => d.appliances)].map((a) => a.class);
  const refs = [...new Set(all)].sort();
  return refs.flatMap((ref) => {
    const cls = options.catalog.get(ref);
    if (!cls || options.catalog.assembly?.(ref)) return [];
    return [{ ref, id: cls.id, version: cls.version, origin: options.isStock(cls.id, cls.version) ? 'stock' : 'committed' } as const];
  });
}

export function exportBundle(manifest: Manifest, options: ExportBundleOptions): ExportedBundle {
  const assemblies = [...(options.assemblies ?? [])].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
  const unsigned = {
    apiVersion: 'colo/v1' as const,
    kind: 'Bundle' as const,
    format: assemblies.length > 0 ? FORMAT_WITH_ASSEMBLIES : 1,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    from: { vdc: manifest.name, revision: options.revision },
    manifest: canonicalManifest(manifest) as Record<string, unknown>,
    classes: bundleClasses(manifest, options),
    ...(assemblies.length > 0 ? { assemblies: assemblies as unknown as Record<string, unknown>[] } : {}),
  };
  const bundle: Bundle = { ...unsigned, checksum: bundleChecksum(unsigned) };
  return { bundle, text: stringify(bundle, { lineWidth: 0 }) };
}
