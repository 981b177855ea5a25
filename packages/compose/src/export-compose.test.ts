// exportCompose: every stock assembly and every importable fixture goes out and comes back as the
// same manifest; the file carries Colo's hardening and wiring, and no secret value.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Catalog, type Manifest, parseManifestText, validateManifest } from '@colo/manifest';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, stockCatalog } from '../test/fixture-catalog';
import { exportCompose } from './export-compose';
import { importCompose } from './import-compose';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const ASSEMBLIES = path.join(import.meta.dirname, '../../../templates/assemblies');
const assemblies = readdirSync(ASSEMBLIES).filter((f) => f.endsWith('.yaml'));
const fixtures = readdirSync(path.join(import.meta.dirname, '../test/fixtures/ok'));

function assembly(file: string): Manifest {
  const checked = validateManifest(parseManifestText(readFileSync(path.join(ASSEMBLIES, file), 'utf8')).value, catalog);
  if (!checked.ok) throw new Error(`${file}: ${JSON.stringify(checked.errors)}`);
  return checked.manifest;
}

function roundTrip(manifest: Manifest): Manifest | undefined {
  const back = importCompose(exportCompose(manifest, { catalog }).text, { name: manifest.name, catalog });
  expect(back.report.filter((l) => l.severity === 'refused')).toEqual([]);
  return back.manifest;
}

describe('exportCompose round trip', () => {
  it.each(assemblies)('assembly %s re-imports to the same manifest', (file) => {
    const manifest = assembly(file);
    expect(roundTrip(manifest)).toEqual(manifest);
  });

  it('carries placement (group, node, an exposed port\'s node) in x-colo and says compose does not apply it', () => {
    const manifest = assembly('lamp-cluster.yaml');
    const placed: Manifest = {
      ...manifest,
      appliances: manifest.appliances.map((a, i) =>
        i === 0 ? { ...a, placement: { group: 'front', node: 'label:zone=a' }, expose: a.expose?.map((e) => ({ ...e, node: 'edge-1' })) } : i === 1 ? { ...a, placement: { group: 'front' } } : a,
      ),
    };
    expect(validateManifest(placed, catalog).errors).toEqual([]);
    expect(roundTrip(placed)).toEqual(placed);
    const { report } = exportCompose(placed, { catalog });
    expect(report).toContainEqual(expect.objectContaining({ service: placed.appliances[0]!.name, key: 'placement', severity: 'changed' }));
  });

  it.each(fixtures)('compose fixture %s: import → export → import is the same manifest', (file) => {
    const first = importCompose(fixture(`ok/${file}`), { name: 'imported', catalog });
    if (!first.ok) return; // a fixture the import refuses has nothing to export
    expect(roundTrip(first.manifest)).toEqual(first.manifest);
  });
});

describe('exportCompose file', () => {
  it('runs the engine container: images, wiring env, per-wire internal networks, hardening', () => {
    const { text, env, report } = exportCompose(assembly('lamp-cluster.yaml'), { catalog, revision: 4, imageNamespace: 'colo-t' });
    expect(text).toMatch(/^# Exported by Colo from VDC "lamp-cluster", revision 4\./);
    const file = parse(text);
    const web = file.services.web;
    expect(web.image).toBe('colo-t/web-php:1');
    expect(web.deploy).toEqual({ replicas: 3 });
    expect(web.environment).toMatchObject({ DB_HOST: 'db', DB_PORT: '5432', DB_PASSWORD: '${COLO_SECRET_DB_PASSWORD}', FS_MOUNT: '/srv/share' });
    expect(web).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges'], mem_limit: 256 * 1024 * 1024, cpus: 0.5, pids_limit: 1024 });
    expect(web.volumes).toEqual(['content-share:/srv/share']);
    expect(file.networks['wire-web-db']).toEqual({ internal: true });
    expect(file.services.db.networks['wire-web-db']).toEqual({ aliases: ['db'] });
    expect(file.services.lb.ports).toEqual(['127.0.0.1:8080:80']);
    expect(file.services.content.network_mode).toBe('none');
    expect(file.services.db['x-colo']).toEqual({ class: 'postgres', properties: { database: 'lamp', user: 'lamp' } });
    expect(env).toMatch(/^COLO_SECRET_DB_PASSWORD=\S{20,}$/m);
    expect(report).toContainEqual(expect.objectContaining({ service: 'lb', key: 'ports', severity: 'mapped' }));
  });

  it('never writes a secret value in the file; the VDC\'s own go to the .env text only when asked', () => {
    const manifest = assembly('lamp-cluster.yaml');
    const secrets = { db: { password: 'hunter2-db-secret' }, lb: { cookieKey: 'ck', statsPassword: 'sp' } };
    const fresh = exportCompose(manifest, { catalog, secrets });
    expect(fresh.text).not.toContain('hunter2');
    expect(fresh.env).not.toContain('hunter2');
    const own = exportCompose(manifest, { catalog, secrets, withSecrets: true });
    expect(own.text).not.toContain('hunter2');
    expect(own.env).toContain('COLO_SECRET_DB_PASSWORD=hunter2-db-secret');
  });

  it('escapes $ in values so compose does not interpolate them', () => {
    const manifest = assembly('lamp-cluster.yaml');
    const db = manifest.appliances.find((a) => a.name === 'db')!;
    db.properties = { ...db.properties, user: 'a$b' };
    const file = parse(exportCompose(manifest, { catalog }).text);
    expect(file.services.web.environment.DB_USER).toBe('a$$b');
  });
});

describe('importing x-colo keys', () => {
  const exported = () => exportCompose(assembly('lamp-cluster.yaml'), { catalog }).text;

  it('refuses an x-colo class other than the image\'s', () => {
    const r = importCompose(exported().replace('class: postgres', 'class: redis'), { name: 'x', catalog });
    expect(r.ok).toBe(false);
    expect(r.report).toContainEqual(expect.objectContaining({ service: 'db', key: 'x-colo', severity: 'refused' }));
  });

  it('still refuses unsafe keys and capabilities beyond the class\'s', () => {
    const unsafe = exported().replace('    cap_drop:\n', '    privileged: true\n    cap_drop:\n').replace(/cap_add:\n(\s+)- /, 'cap_add:\n$1- SYS_ADMIN\n$1- ');
    const r = importCompose(unsafe, { name: 'x', catalog });
    expect(r.ok).toBe(false);
    expect(r.report).toContainEqual(expect.objectContaining({ key: 'privileged', severity: 'refused' }));
  });

  it('holds x-colo to the validator: an unknown property or host port out of range is refused', () => {
    const bad = exported().replace('properties:\n        workers: 4', 'properties:\n        workers: 4\n        nope: 1');
    expect(importCompose(bad, { name: 'x', catalog }).ok).toBe(false);
    const port = exported().replace('port: 8080', 'port: 22');
    expect(importCompose(port, { name: 'x', catalog }).ok).toBe(false);
  });
});
