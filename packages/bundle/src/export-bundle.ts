// A manifest into a bundle: every class reference it makes, resolved in the exporting catalog and
// marked stock (templates/, on every Colo) or committed (a patch made here, whose image stays here).
import { type Catalog, canonicalManifest, type Manifest } from '@colo/manifest';
import { stringify } from 'yaml';
import { bundleChecksum } from './bundle-checksum';
import { BUNDLE_FORMAT, type Bundle, type BundleClass } from './bundle-schema';

export interface ExportBundleOptions {
  catalog: Catalog;
  /** Whether `id@version` is a stock version (templates/), not one committed on this Colo. */
  isStock: (id: string, version: number) => boolean;
  revision: number;
  /** Defaults to now; tests pass a fixed time. */
  exportedAt?: Date;
}

export interface ExportedBundle {
  bundle: Bundle;
  text: string;
}

/** Class references the catalog does not resolve are left out; the importer refuses them. */
function bundleClasses(manifest: Manifest, options: ExportBundleOptions): BundleClass[] {
  const refs = [...new Set(manifest.appliances.map((a) => a.class))].sort();
  return refs.flatMap((ref) => {
    const cls = options.catalog.get(ref);
    if (!cls) return [];
    return [{ ref, id: cls.id, version: cls.version, origin: options.isStock(cls.id, cls.version) ? 'stock' : 'committed' } as const];
  });
}

export function exportBundle(manifest: Manifest, options: ExportBundleOptions): ExportedBundle {
  const unsigned = {
    apiVersion: 'colo/v1' as const,
    kind: 'Bundle' as const,
    format: BUNDLE_FORMAT,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    from: { vdc: manifest.name, revision: options.revision },
    manifest: canonicalManifest(manifest) as Record<string, unknown>,
    classes: bundleClasses(manifest, options),
  };
  const bundle: Bundle = { ...unsigned, checksum: bundleChecksum(unsigned) };
  return { bundle, text: stringify(bundle, { lineWidth: 0 }) };
}
