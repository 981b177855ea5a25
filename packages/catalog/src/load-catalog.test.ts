import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classImage, validateManifestText } from '@colo/manifest';
import { afterEach, describe, expect, it } from 'vitest';
import { isCatalogError } from './catalog-error';
import { loadCatalog } from './load-catalog';

const CLASS_IDS = ['app-node', 'custom-image', 'halb', 'mariadb', 'nas', 'net', 'postgres', 'redis', 'web-php', 'web-static'];
/** The one class with no image of its own: each appliance names an image an admin allowed. */
const CUSTOM_IMAGE = 'custom-image';

describe('loadCatalog on the shipped templates', () => {
  it('loads every class, each built from its own folder', async () => {
    const { catalog } = await loadCatalog();
    expect(catalog.list().map((c) => c.id)).toEqual(CLASS_IDS);
    for (const source of catalog.sources()) {
      expect(path.basename(source.dir)).toBe(source.class.id);
      if (source.class.id === CUSTOM_IMAGE) {
        expect(source.hasDockerfile).toBe(false);
        expect(source.class.image).toBe('{{ properties.image }}');
        continue;
      }
      expect(source.hasDockerfile).toBe(true);
      expect(classImage(source.class)).toBe(`colo/${source.class.id}:1`);
      expect(source.class.health, `${source.class.id} has a health check`).toBeDefined();
    }
    expect(catalog.get('halb@1')?.id).toBe('halb');
    expect(catalog.get('halb@2')).toBeUndefined();
    expect(catalog.get('web-phq')).toBeUndefined();
  });

  it('wires the way docs/contracts.md describes', async () => {
    const { catalog } = await loadCatalog();
    const pg = catalog.get('postgres')!;
    expect(pg.terminals.inputs[0]).toMatchObject({ name: 'in', protocol: 'pgsql', port: 5432 });
    expect(Object.keys(pg.terminals.inputs[0].clientEnv).sort()).toEqual(['NAME', 'PASSWORD', 'USER']);
    expect(catalog.get('mariadb')!.terminals.inputs[0]).toMatchObject({ protocol: 'mysql', port: 3306 });
    expect(catalog.get('redis')!.terminals.inputs[0].clientEnv).toHaveProperty('PASSWORD');
    expect(catalog.get('halb')!.terminals.outputs).toMatchObject([{ name: 'out', protocol: 'http', mandatory: true }]);
    expect(catalog.get('nas')!.terminals.inputs.find((t) => t.protocol === 'fs')).toMatchObject({ name: 'fs', volume: 'share' });
    for (const id of ['web-php', 'web-static', 'app-node']) {
      expect(catalog.get(id)!.terminals.outputs.find((t) => t.name === 'fs')).toMatchObject({ protocol: 'fs', mountPath: '/srv/share' });
    }
    // Every database and cache class has a consumer: web-php and app-node wire to each, optionally.
    for (const id of ['web-php', 'app-node']) {
      const outputs = catalog.get(id)!.terminals.outputs;
      expect(outputs.find((t) => t.name === 'db'), id).toMatchObject({ protocol: 'pgsql', mandatory: false });
      expect(outputs.find((t) => t.name === 'mysql'), id).toMatchObject({ protocol: 'mysql', mandatory: false });
      expect(outputs.find((t) => t.name === 'cache'), id).toMatchObject({ protocol: 'redis', mandatory: false });
    }
    expect(pg.replicas.max).toBe(1);
  });

  it('lets the net gateway allow host names only: no IP address, no localhost, said in words', async () => {
    const { catalog } = await loadCatalog();
    const allow = (value: string) =>
      validateManifestText(JSON.stringify({ apiVersion: 'colo/v1', kind: 'VDC', name: 'out', appliances: [{ name: 'gw', class: 'net', properties: { allow: value } }] }), catalog)
        .errors.map((e) => `${e.path}: ${e.message}`);
    expect(allow('deb.debian.org,api.example.com')).toEqual([]);
    expect(allow('')).toEqual([]);
    for (const bad of ['169.254.169.254', 'deb.debian.org,10.0.0.1', 'localhost', 'a.localhost', 'Deb.debian.org', 'a..b']) {
      expect(allow(bad), bad).toEqual(['appliances[0].properties.allow: must be comma-separated host names (no IP addresses, no localhost)']);
    }
  });

  it('offers the LAMP cluster assembly, a manifest valid for deploy', async () => {
    const { catalog, assemblies } = await loadCatalog();
    expect(assemblies.map((a) => a.id)).toEqual(['cached-web', 'lamp-cluster', 'lemp-mariadb', 'node-app']);
    const lamp = assemblies.find((a) => a.id === 'lamp-cluster')!;
    expect(lamp.title).toBe('LAMP cluster');
    expect(lamp.description).toMatch(/load balancer/);
    const result = validateManifestText(lamp.manifest, catalog, { mode: 'deploy' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.manifest?.name).toBe('lamp-cluster');
    const web = result.manifest?.appliances.find((a) => a.class === 'web-php');
    expect(web?.replicas).toBe(3);
    expect(result.manifest?.appliances.find((a) => a.class === 'halb')?.expose).toEqual([{ terminal: 'in', port: 8080 }]);
    expect(result.manifest?.appliances.find((a) => a.class === 'nas')?.properties).toEqual({ seed: 'lamp-demo' });
    expect(Object.keys(result.manifest?.visual ?? {}).sort()).toEqual(['content', 'db', 'lb', 'web']);
  });

  it('offers the starter stacks, each valid for deploy, on its own port, its NAS seeded with its demo', async () => {
    const { catalog, assemblies } = await loadCatalog();
    const stacks: Record<string, { title: string; port: number; seed: string; web: string; backend: string }> = {
      'lemp-mariadb': { title: 'LEMP with MariaDB', port: 8081, seed: 'mariadb-demo', web: 'web-php', backend: 'mariadb' },
      'cached-web': { title: 'Redis-cached web app', port: 8082, seed: 'cache-demo', web: 'web-php', backend: 'redis' },
      'node-app': { title: 'Node.js app cluster', port: 8083, seed: 'node-demo', web: 'app-node', backend: 'redis' },
    };
    for (const [id, want] of Object.entries(stacks)) {
      const assembly = assemblies.find((a) => a.id === id)!;
      expect(assembly.title).toBe(want.title);
      const result = validateManifestText(assembly.manifest, catalog, { mode: 'deploy' });
      expect(result.errors, id).toEqual([]);
      expect(result.warnings, id).toEqual([]);
      const m = result.manifest!;
      expect(m.name).toBe(id);
      expect(m.appliances.find((a) => a.class === 'halb')?.expose).toEqual([{ terminal: 'in', port: want.port }]);
      expect(m.appliances.find((a) => a.class === 'nas')?.properties).toEqual({ seed: want.seed });
      const web = m.appliances.find((a) => a.class === want.web)!;
      expect(web.replicas).toBe(2);
      const backend = m.appliances.find((a) => a.class === want.backend)!;
      expect(m.connections.some((c) => c.from.startsWith(`${web.name}.`) && c.to === `${backend.name}.in`), id).toBe(true);
    }
  });
});

describe('loadCatalog on broken templates', () => {
  let root: string;
  afterEach(async () => {
    if (root) await rm(path.dirname(root), { recursive: true, force: true });
  });

  const GOOD = `id: good
version: 1
title: Good
terminals: { inputs: [{ name: in, protocol: http, port: 80 }] }
resources: { cpu: { min: 0.1, max: 1, default: 0.5 }, memory: { min: 32Mi, max: 1Gi, default: 64Mi } }
`;

  async function templates(files: Record<string, string>): Promise<string> {
    root = path.join(await mkdtemp(path.join(tmpdir(), 'colo-catalog-')), 'templates');
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), text);
    }
    return root;
  }

  async function loadError(dir: string) {
    try {
      await loadCatalog(dir);
    } catch (error) {
      if (isCatalogError(error, 'invalid_catalog')) return error;
      throw error;
    }
    throw new Error('expected loadCatalog to fail');
  }

  it('loads a minimal valid tree', async () => {
    const { catalog, assemblies } = await loadCatalog(
      await templates({ 'appliances/good/class.yaml': GOOD, 'appliances/good/Dockerfile': 'FROM debian:bookworm-slim\n' }),
    );
    expect(catalog.list().map((c) => c.id)).toEqual(['good']);
    expect(assemblies).toEqual([]);
  });

  it('names the file and the field path of every problem', async () => {
    const error = await loadError(
      await templates({
        'appliances/good/class.yaml': GOOD,
        'appliances/good/Dockerfile': 'FROM debian:bookworm-slim\n',
        'appliances/bad/class.yaml': GOOD.replace('id: good', 'id: bad').replace('port: 80', 'port: 0'),
        'appliances/bad/Dockerfile': 'FROM debian:bookworm-slim\n',
        'appliances/renamed/class.yaml': GOOD,
        'appliances/renamed/Dockerfile': 'FROM debian:bookworm-slim\n',
        'appliances/empty/README': 'no class here\n',
      }),
    );
    expect(error.problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
      'templates/appliances/bad/class.yaml: terminals.inputs[0].port',
      'templates/appliances/empty/class.yaml: ',
      'templates/appliances/renamed/class.yaml: id',
    ]);
    expect(error.message).toContain('templates/appliances/bad/class.yaml: terminals.inputs[0].port: ');
    expect(error.message).toContain('templates/appliances/renamed/class.yaml: id: must equal its folder name "renamed", not "good"');
  });

  it('rejects an assembly that does not validate against the catalog', async () => {
    const error = await loadError(
      await templates({
        'appliances/good/class.yaml': GOOD,
        'appliances/good/Dockerfile': 'FROM debian:bookworm-slim\n',
        'assemblies/shop.yaml': 'apiVersion: colo/v1\nkind: VDC\nname: shop\nappliances:\n  - { name: web, class: web-phq }\n',
      }),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'templates/assemblies/shop.yaml', path: 'appliances[0].class' });
  });

  it('fails clearly when there is no appliances folder', async () => {
    const error = await loadError(await templates({ 'assemblies/.keep': '' }));
    expect(error.message).toMatch(/templates\/appliances: folder not found/);
  });
});
