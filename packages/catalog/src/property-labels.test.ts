import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCatalogError } from './catalog-error';
import { DEFAULT_TEMPLATES_ROOT, loadCatalog, PROPERTY_LABELS_FILE } from './load-catalog';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('property labels', () => {
  it('gives the stock classes their words from appliances/_labels.yaml', async () => {
    const { catalog } = await loadCatalog();
    const workers = catalog.get('web-php')?.properties.find((p) => p.name === 'workers');
    expect(workers).toMatchObject({ label: 'PHP workers', description: expect.stringMatching(/PHP requests/) });
    // Every stock property has one.
    const unlabelled = catalog.list().flatMap((c) => c.properties.filter((p) => !p.label).map((p) => `${c.id}.${p.name}`));
    expect(unlabelled).toEqual([]);
  });

  it('refuses a label for a class or property that does not exist', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'colo-labels-'));
    const root = path.join(dir, 'templates');
    await cp(path.join(DEFAULT_TEMPLATES_ROOT, 'appliances'), path.join(root, 'appliances'), { recursive: true });
    await writeFile(path.join(root, 'appliances', PROPERTY_LABELS_FILE), 'web-php:\n  wrkers: PHP workers\nnope:\n  x: X\n');
    const err = await loadCatalog(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCatalogError(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(/no property "wrkers"/);
  });
});
