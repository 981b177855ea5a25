// What a revision asks Docker to run, per appliance. A revision is immutable, so this is worked
// out once per revision and catalog and kept: the events stream asks for it every second or two.
import { type Catalog, resolveManifest, validateManifest } from '@colo/manifest';

export interface Wanted {
  class: string;
  replicas: number;
  standby: boolean;
}

export interface RevisionRef {
  id: string;
  manifest: unknown;
}

export interface WantedAppliancesOptions {
  /** Seam for tests: counts show whether a call was answered from the cache. */
  validate?: typeof validateManifest;
  resolve?: typeof resolveManifest;
  /** Revisions kept; the oldest used is dropped first. */
  max?: number;
}

export type WantedAppliances = (revision: RevisionRef, catalog: Catalog) => ReadonlyMap<string, Wanted>;

function compute(manifest: unknown, catalog: Catalog, validate: typeof validateManifest, resolve: typeof resolveManifest): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  const result = validate(manifest, catalog, { mode: 'edit' });
  if (result.ok && result.manifest) {
    try {
      for (const a of resolve(result.manifest, catalog).appliances) {
        wanted.set(a.name, { class: a.class.id, replicas: a.replicas, standby: a.standby });
      }
      return wanted;
    } catch {
      // a class vanished from the catalog since: fall back to what the manifest says
    }
  }
  for (const a of (manifest as { appliances?: { name?: string; class?: string; replicas?: number; standby?: boolean }[] }).appliances ?? []) {
    if (a.name) wanted.set(a.name, { class: a.class ?? '', replicas: a.replicas ?? 1, standby: a.standby === true });
  }
  return wanted;
}

/**
 * Keyed by revision id, and valid only for the catalog it was computed with: a reloaded catalog
 * (a class built or patched) is a new object, so the answer is worked out again.
 */
export function wantedAppliancesCache(opts: WantedAppliancesOptions = {}): WantedAppliances {
  const validate = opts.validate ?? validateManifest;
  const resolve = opts.resolve ?? resolveManifest;
  const max = opts.max ?? 256;
  const cache = new Map<string, { catalog: Catalog; wanted: ReadonlyMap<string, Wanted> }>();
  return (revision, catalog) => {
    const hit = cache.get(revision.id);
    cache.delete(revision.id);
    const wanted = hit && hit.catalog === catalog ? hit.wanted : compute(revision.manifest, catalog, validate, resolve);
    cache.set(revision.id, { catalog, wanted });
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return wanted;
  };
}

/** The process-wide cache `vdcStatus` uses. */
export const wantedAppliances = wantedAppliancesCache();
