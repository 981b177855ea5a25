// The catalog as control sees it, loaded from disk by @colo/catalog once per process and then
// reused: every request and every operation validates against the same classes.
import { loadCatalog } from '@colo/catalog';
import type { Catalog } from '@colo/manifest';

export type LoadedCatalog = Awaited<ReturnType<typeof loadCatalog>>;

let loading: Promise<LoadedCatalog> | undefined;

export function getLoadedCatalog(): Promise<LoadedCatalog> {
  loading ??= Promise.resolve()
    // Read directly, not via controlEnv(): listing the catalog needs no database or secret key.
    .then(() => loadCatalog(process.env.COLO_TEMPLATES_DIR || undefined))
    .catch((err) => {
      loading = undefined; // a broken template may be fixed; try again next time
      throw err;
    });
  return loading;
}

export async function getCatalog(): Promise<Catalog> {
  return (await getLoadedCatalog()).catalog;
}

/** Drops the cached catalog (after a class build or patch, and in tests). */
export function reloadCatalog(): void {
  loading = undefined;
}

/** Puts a catalog in place of the one on disk (tests, and callers that loaded it themselves). */
export function setCatalog(loaded: LoadedCatalog): void {
  loading = Promise.resolve(loaded);
}
