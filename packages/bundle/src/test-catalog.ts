// The stock catalog (templates/) and the stock assemblies, for the bundle tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '@colo/catalog';
import type { Catalog } from '@colo/manifest';

let loaded: Promise<Catalog> | undefined;

export function stockCatalog(): Promise<Catalog> {
  loaded ??= loadCatalog().then((c) => c.catalog);
  return loaded;
}

const ASSEMBLIES = path.join(import.meta.dirname, '../../../templates/assemblies');

export function assemblies(): { file: string; text: string }[] {
  return readdirSync(ASSEMBLIES)
    .filter((f) => f.endsWith('.yaml'))
    .map((file) => ({ file, text: readFileSync(path.join(ASSEMBLIES, file), 'utf8') }));
}
