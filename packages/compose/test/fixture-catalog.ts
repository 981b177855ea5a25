// The stock catalog (templates/) and the fixture corpus, for the importer's tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '@colo/catalog';
import type { Catalog } from '@colo/manifest';

let loaded: Promise<Catalog> | undefined;

export function stockCatalog(): Promise<Catalog> {
  loaded ??= loadCatalog().then((c) => c.catalog);
  return loaded;
}

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}
