// The import over the corpus (test/corpus/*.yml): compose files of the kinds users run, each
// with its report kept beside it (<file>.report.txt, the table `colo compose import` prints).
// Every service is accounted for and nothing is silently dropped: each key a service gives has
// a line in the report, and what imports also exports and comes back as the same manifest.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '@colo/manifest';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockCatalog } from '../test/fixture-catalog';
import { exportCompose } from './export-compose';
import { importCompose } from './import-compose';
import type { ReportLine } from './report';

const CORPUS = path.join(import.meta.dirname, '../test/corpus');
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yml'))
  .sort();

/** Files that import with no refusal: only images a catalog class stands in for, nothing unsafe. */
const IMPORTING = [
  'haproxy-php-scaled.yml',
  'haproxy-two-web.yml',
  'httpd-static.yml',
  'lamp-mysql.yml',
  'nginx-php-fpm-mariadb.yml',
  'nginx-redis-sidecar.yml',
  'node-postgres-redis.yml',
  'node-redis.yml',
  'php-postgres.yml',
  'php-redis-sessions.yml',
  'static-nginx.yml',
];

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const read = (file: string) => readFileSync(path.join(CORPUS, file), 'utf8');

function table(report: ReportLine[]): string {
  return `${report.map((l) => [l.service || '-', l.key || '-', l.severity, l.message].join(' | ')).join('\n')}\n`;
}

/** The report lines of one service that account for one of its keys (`depends_on` → `depends_on.db`). */
function linesFor(report: ReportLine[], service: string, key: string): ReportLine[] {
  return report.filter((l) => l.service === service && (l.key === key || l.key.startsWith(`${key}.`)));
}

describe('compose corpus', () => {
  it('holds at least 15 files, and the list of importing ones is true', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of IMPORTING) expect(files).toContain(file);
  });

  it.each(files)('%s: its report is the one kept beside it', async (file) => {
    const result = importCompose(read(file), { name: 'corpus', catalog });
    await expect(table(result.report)).toMatchFileSnapshot(path.join(CORPUS, file.replace(/\.yml$/, '.report.txt')));
    expect(result.ok).toBe(IMPORTING.includes(file));
    if (!result.ok) expect(result.report.some((l) => l.severity === 'refused')).toBe(true);
  });

  it.each(IMPORTING)('%s: every service and every key it gives is accounted for, and it round-trips', (file) => {
    const services = parse(read(file)).services as Record<string, Record<string, unknown>>;
    const result = importCompose(read(file), { name: 'corpus', catalog });
    if (!result.ok) throw new Error(table(result.report));
    expect(result.manifest.appliances).toHaveLength(Object.keys(services).length);
    for (const [service, keys] of Object.entries(services)) {
      for (const key of Object.keys(keys)) {
        // `volumes` of a class with no data volume, and such, still say what became of them.
        expect(linesFor(result.report, service, key), `${service}.${key} has no report line`).not.toEqual([]);
      }
    }
    const back = importCompose(exportCompose(result.manifest, { catalog }).text, { name: 'corpus', catalog });
    expect(back.manifest).toEqual(result.manifest);
  });

  it.each(files.filter((f) => !IMPORTING.includes(f)))('%s: refused, with a reason for the service at fault', (file) => {
    const result = importCompose(read(file), { name: 'corpus', catalog });
    expect(result.manifest).toBeUndefined();
    const services = Object.keys(parse(read(file)).services);
    const refused = result.report.filter((l) => l.severity === 'refused');
    expect(refused.every((l) => services.includes(l.service))).toBe(true);
  });
});

/** The images an admin allowed in the second pass: every corpus service with no class but these. */
const ALLOWED = new Set(['wordpress:6.4-apache', 'adminer:4', 'nextcloud:28-apache']);
const allowed = (image: string) => (ALLOWED.has(image) ? image : undefined);
const CUSTOM = ['adminer-postgres.yml', 'nextcloud-mariadb-redis.yml', 'wordpress-mysql.yml'];

describe('compose corpus with custom images an admin allowed', () => {
  it.each(CUSTOM)('%s: the allowed image runs as custom-image, its report kept beside it, and it round-trips', async (file) => {
    const result = importCompose(read(file), { name: 'corpus', catalog, customImage: allowed });
    await expect(table(result.report)).toMatchFileSnapshot(path.join(CORPUS, file.replace(/\.yml$/, '.allowed.report.txt')));
    if (!result.ok) throw new Error(table(result.report));
    const custom = result.manifest.appliances.filter((a) => a.class === 'custom-image');
    expect(custom).toHaveLength(1);
    expect(ALLOWED.has(String(custom[0].properties?.image))).toBe(true);
    const back = importCompose(exportCompose(result.manifest, { catalog }).text, { name: 'corpus', catalog, customImage: allowed });
    expect(back.manifest).toEqual(result.manifest);
    // Taken off the list, the same file is refused again.
    expect(importCompose(read(file), { name: 'corpus', catalog }).ok).toBe(false);
  });

  it('the rest of the refused files stay refused: a build, an unsafe key, an image nobody allowed', () => {
    for (const file of files.filter((f) => !IMPORTING.includes(f) && !CUSTOM.includes(f))) {
      expect(importCompose(read(file), { name: 'corpus', catalog, customImage: allowed }).ok, file).toBe(false);
    }
  });
});
