// The catalog as control sees it: the stock classes, loaded from disk by @colo/catalog once per
// process, with the class versions users committed (read fresh each time: a commit in the web
// process is seen by the worker's next operation) layered over them.
import { loadCatalog, templatesRoot, withStoredVersions } from '@colo/catalog';
import type { Catalog } from '@colo/manifest';
import { storedClassVersions } from './classes/class-store';
import { controlEnvironment } from './config';

export type LoadedCatalog = Awaited<ReturnType<typeof loadCatalog>>;

let loading: Promise<LoadedCatalog> | undefined;

export async function getLoadedCatalog(): Promise<LoadedCatalog> {
  const files = await stockCatalog();
  const { stored, heads } = await storedClassVersions();
  if (stored.length === 0 && heads.size === 0) return files;
  return { ...files, catalog: withStoredVersions(files.catalog, stored, heads) };
}

/** templates/ alone, as loaded once (or as a test put it in place). */
export function stockCatalog(): Promise<LoadedCatalog> {
  loading ??= Promise.resolve()
    // The raw environment, not controlEnv(): listing the catalog needs no database or secret key.
    .then(() => loadCatalog(templatesRoot(controlEnvironment())))
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
