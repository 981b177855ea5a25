// The importer over a corpus of realistic compose files (test/fixtures/ok): each file's manifest
// and the report lines a user reads, spelled out.
import { validateManifest } from '@colo/manifest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, stockCatalog } from '../test/fixture-catalog';
import { importCompose } from './import-compose';
import type { ReportLine } from './report';

let catalog: Awaited<ReturnType<typeof stockCatalog>>;
beforeAll(async () => {
  catalog = await stockCatalog();
});

function run(file: string) {
  const result = importCompose(fixture(`ok/${file}`), { name: 'imported', catalog });
  // Whatever it made passes the one shared validator (deploy mode may only add unwired outputs).
  if (result.manifest) expect(validateManifest(result.manifest, catalog, { mode: 'edit' }).ok).toBe(true);
  return result;
}

const line = (service: string, key: string, severity: ReportLine['severity'], message: string | RegExp) =>
  expect.objectContaining({ service, key, severity, message: typeof message === 'string' ? message : expect.stringMatching(message) });

describe('importCompose over realistic files', () => {
  it('wordpress-like: php + mariadb with a named volume; passwords are not carried over', () => {
    const r = run('wordpress-mariadb.yml');
    expect(r.manifest?.appliances).toEqual([
      { name: 'wordpress-app', class: 'web-php', expose: [{ terminal: 'in', port: 8080 }] },
      { name: 'db', class: 'mariadb', properties: { database: 'wordpress', user: 'wp' } },
    ]);
    expect(r.manifest?.connections).toEqual([{ from: 'wordpress-app.mysql', to: 'db.in' }]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('wordpress_app', 'name', 'changed', 'service "wordpress_app" becomes appliance "wordpress-app" (appliance names are lowercase letters, digits and hyphens, unique)'),
        line('db', 'environment.MYSQL_PASSWORD', 'dropped', /given secret is not carried over: Colo generates the password secret/),
        line('db', 'environment.MYSQL_ROOT_PASSWORD', 'dropped', /given secret is not carried over/),
        line('db', 'volumes', 'mapped', /volume "db_data" at \/var\/lib\/mysql becomes the appliance's instance volume "data"/),
        line('wordpress_app', 'environment.WORDPRESS_DB_HOST', 'dropped', 'class web-php has no property for this variable; it is not carried over'),
      ]),
    );
    // The secret's value never appears in the report.
    expect(JSON.stringify(r.report)).not.toMatch(/rootsecret/);
  });

  it('nginx + php + postgres: php wired to postgres, nginx reported as unable to reach php', () => {
    const r = run('nginx-php-postgres.yml');
    expect(r.manifest?.appliances.map((a) => [a.name, a.class])).toEqual([['nginx', 'web-static'], ['php', 'web-php'], ['postgres', 'postgres']]);
    expect(r.manifest?.appliances[2].properties).toEqual({ database: 'shop', user: 'shop' });
    expect(r.manifest?.connections).toEqual([{ from: 'php.db', to: 'postgres.in' }]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('', 'version', 'dropped', /informational/),
        line('nginx', 'depends_on.php', 'dropped', 'not wired: no output of class web-static fits an input of class web-php'),
        line('postgres', 'image', 'mapped', 'image postgres:16 becomes class postgres (PostgreSQL 15); the tag is not used'),
        line('postgres', 'environment.POSTGRES_PASSWORD', 'dropped', /not carried over/),
      ]),
    );
  });

  it('node + redis: links wire the cache, port 3000 lands on the class port, /data is the data volume', () => {
    const r = run('node-redis.yml');
    expect(r.manifest?.appliances).toEqual([
      { name: 'api', class: 'app-node', properties: { nodeEnv: 'production' }, expose: [{ terminal: 'in', port: 3000 }] },
      { name: 'cache', class: 'redis' },
    ]);
    expect(r.manifest?.connections).toEqual([{ from: 'api.cache', to: 'cache.in' }]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('api', 'ports', 'changed', 'container port 3000 becomes terminal in (class app-node listens on 80)'),
        line('api', 'command', 'dropped', 'not carried over: the class decides what runs'),
        line('cache', 'volumes', 'mapped', /"cache-data" at \/data becomes the appliance's instance volume "data" \(\/var\/lib\/redis\)/),
      ]),
    );
  });

  it('haproxy + 2 web: the balancer takes one web tier; the second is reported, not silently dropped', () => {
    const r = run('haproxy-two-web.yml');
    expect(r.manifest?.connections).toEqual([{ from: 'lb.out', to: 'web1.in' }]);
    expect(r.report).toContainEqual(line('lb', 'depends_on.web2', 'dropped', /output out of lb is already wired/));
  });

  it('redis-only cache: limits mapped, restart reported', () => {
    const r = run('redis-only.yml');
    expect(r.manifest?.appliances).toEqual([{ name: 'redis', class: 'redis', resources: { cpu: 0.5, memory: '512Mi' } }]);
    expect(r.report).toEqual([
      line('redis', 'image', 'mapped', 'image docker.io/library/redis:7.2 becomes class redis (Redis 7); the tag is not used'),
      line('redis', 'deploy.resources.limits.cpus', 'mapped', 'limited to 0.5 CPU'),
      line('redis', 'deploy.resources.limits.memory', 'mapped', 'limited to 512Mi'),
      line('redis', 'restart', 'dropped', 'not carried over: Colo restarts failed appliances itself (see failover)'),
    ]);
  });

  it('postgres with a named volume: the data volume is kept, another path is reported', () => {
    const r = run('postgres-volume.yml');
    expect(r.manifest?.appliances).toEqual([{ name: 'db-main', class: 'postgres', properties: { database: 'orders' } }]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('DB_Main', 'name', 'changed', /becomes appliance "db-main"/),
        line('DB_Main', 'environment.POSTGRES_USER', 'dropped', /has no value in the file/),
        line('DB_Main', 'volumes', 'mapped', /"pgdata" at \/var\/lib\/postgresql\/data/),
        line('DB_Main', 'volumes', 'dropped', /"scratch" at \/tmp\/scratch is not carried over/),
      ]),
    );
  });

  it('scaled web behind a balancer: replicas and CPU clamped to the class, host address reported', () => {
    const r = run('scaled-web.yml');
    expect(r.manifest?.appliances[1]).toEqual({ name: 'app', class: 'web-php', replicas: 32, resources: { cpu: 4, memory: '64Mi' } });
    expect(r.manifest?.connections).toEqual([
      { from: 'lb.out', to: 'app.in' },
      { from: 'app.db', to: 'db.in' },
      { from: 'app.cache', to: 'cache.in' },
    ]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('app', 'deploy.replicas', 'changed', '40 replicas become 32: class web-php allows 1 to 32'),
        line('app', 'deploy.resources.limits.cpus', 'changed', '16 CPUs become 4: class web-php allows 0.1 to 4'),
        line('lb', 'ports', 'changed', /host address 10\.0\.0\.5 is not used/),
      ]),
    );
  });

  it('ports Colo cannot publish are each reported; a bad property value keeps the default', () => {
    const r = run('mysql-static.yml');
    expect(r.manifest?.appliances).toEqual([
      { name: 'site', class: 'web-static', expose: [{ terminal: 'in', port: 9090 }] },
      { name: 'mysql', class: 'mariadb' },
    ]);
    const ports = r.report.filter((l) => l.key === 'ports' && l.severity === 'dropped').map((l) => l.message);
    expect(ports).toEqual([
      '"443" names no host port; Colo publishes a terminal only on a host port you choose',
      '"5000-5001:80": port ranges and variables are not carried over; expose one port per terminal',
      '"9091:80/udp": only TCP is published',
      '"80:80": host port 80 is outside the allowed range 1024–65535; expose the terminal on another port',
    ]);
    expect(r.report).toContainEqual(line('mysql', 'environment.MYSQL_DATABASE', 'dropped', /not carried over to property database/));
    expect(r.report).toContainEqual(line('site', 'healthcheck', 'dropped', /own health check/));
  });

  it('a shared network wires what fits; extension keys are reported', () => {
    const r = run('networks-wired.yml');
    expect(r.manifest?.connections).toEqual([{ from: 'web.db', to: 'db.in' }]);
    expect(r.report).toContainEqual(line('', 'x-common', 'dropped', /extension keys/));
    expect(r.report).toContainEqual(line('web', 'networks', 'mapped', 'becomes the connection web.db → db.in (pgsql)'));
  });

  it('django-like: an image with no class refuses the import, saying what to ask an admin', () => {
    const r = importCompose(fixture('ok/django-like.yml'), { name: 'imported', catalog });
    expect(r.ok).toBe(false);
    expect(r.manifest).toBeUndefined();
    expect(r.report.filter((l) => l.severity === 'refused')).toEqual([
      line('web', 'image', 'refused', 'no catalog class for image python:3.12; ask an admin to allow image python:3.12 (colo image allow python:3.12)'),
    ]);
  });

  it('django-like with python:3.12 allowed: the service runs as custom-image on its own port, wired to its database', () => {
    const allowed = (image: string) => (image === 'python:3.12' ? 'python:3.12' : undefined);
    const r = importCompose(fixture('ok/django-like.yml'), { name: 'imported', catalog, customImage: allowed });
    expect(r.ok, JSON.stringify(r.report)).toBe(true);
    expect(r.manifest?.appliances[0]).toEqual({
      name: 'web',
      class: 'custom-image',
      properties: { image: 'python:3.12', port: 8000 },
      expose: [{ terminal: 'in', port: 8000 }],
    });
    expect(r.manifest?.connections).toEqual([{ from: 'web.db', to: 'db.in' }]);
    expect(r.report).toContainEqual(line('web', 'image', 'mapped', /^image python:3\.12 becomes class custom-image \(Custom image\): an admin allowed python:3\.12; .*; it listens on port 8000$/));
    // An allow-list that does not name it still refuses, with the same reason.
    const other = importCompose(fixture('ok/django-like.yml'), { name: 'imported', catalog, customImage: () => undefined });
    expect(other.report.filter((l) => l.severity === 'refused')).toEqual([line('web', 'image', 'refused', /ask an admin to allow image python:3\.12/)]);
  });

  it('service names that collide after normalizing are numbered', () => {
    const r = run('same-names.yml');
    expect(r.manifest?.appliances.map((a) => a.name)).toEqual(['web-app', 'web-app-2', 'lives']);
    expect(r.report.filter((l) => l.key === 'name')).toHaveLength(3);
  });

  it('reports every deploy key, include, extends and network it does not carry over', () => {
    const text = `include: [other.yml]
services:
  cache:
    image: redis
    extends: { service: base }
    volumes: ["cachedata:/data:ro"]
    deploy:
      restart_policy: { condition: on-failure }
      resources:
        limits: { memory: 1g, pids: 100 }
        reservations: { memory: 512m }
networks:
  front: { driver: bridge }
`;
    const r = importCompose(text, { name: 'imported', catalog });
    expect(r.manifest?.appliances).toEqual([{ name: 'cache', class: 'redis', resources: { memory: '1024Mi' } }]);
    expect(r.report).toEqual(
      expect.arrayContaining([
        line('', 'include', 'dropped', /other files are not read/),
        line('', 'networks.front', 'changed', /Colo gives each connection its own network/),
        line('cache', 'extends', 'dropped', /other files and services are not read/),
        line('cache', 'volumes', 'changed', /"cachedata" is mounted read-write/),
        line('cache', 'deploy.restart_policy', 'dropped', /not carried over/),
        line('cache', 'deploy.resources.limits.pids', 'dropped', /only cpus and memory limits/),
        line('cache', 'deploy.resources.reservations', 'dropped', /only limits are/),
      ]),
    );
  });

  it('refuses a VDC name that is not a DNS label, through the shared validator', () => {
    const r = importCompose(fixture('ok/redis-only.yml'), { name: 'Bad_Name', catalog });
    expect(r.ok).toBe(false);
    expect(r.report).toContainEqual(line('', 'name', 'refused', /must be a DNS label/));
  });
});
