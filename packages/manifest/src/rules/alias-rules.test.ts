import { describe, expect, it } from 'vitest';
import { fixtureCatalog, messagesAt } from '../test-fixtures';
import { validateManifest } from '../validate-manifest';

function manifest(appliances: Record<string, unknown>[], connections: [string, string][]) {
  return {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'aliases',
    appliances,
    connections: connections.map(([from, to]) => ({ from, to })),
  };
}

const pg = (name: string) => ({ name, class: 'postgres', properties: { database: 'app' } });
const validate = (m: unknown) => validateManifest(m, fixtureCatalog);

describe('host name aliases', () => {
  it('refuses a client on two networks where one name means two servers, naming both', () => {
    // api reaches pg1 as "db" and pg2 as "upstream"; web also wires its output "db" into pg2,
    // so pg2 carries the alias "db" too: inside api, "db" would mean pg1 or pg2.
    const m = manifest(
      [{ name: 'api', class: 'app' }, { name: 'web', class: 'web-php' }, pg('pg1'), pg('pg2')],
      [
        ['api.db', 'pg1.in'],
        ['api.upstream', 'pg2.in'],
      ],
    );
    expect(validate(m).ok).toBe(true);
    m.connections.push({ from: 'web.db', to: 'pg2.in' });
    expect(validate(m).errors).toMatchObject([
      {
        path: 'appliances[0]',
        message:
          'host name "db" would be ambiguous inside "api": it names "pg1" (network pg1.in) and "pg2" (network pg2.in); rename one of the outputs called "db"',
        severity: 'error',
      },
    ]);
  });

  it('counts the networks of an appliance\'s own inputs: it resolves names there too', () => {
    const m = manifest(
      [{ name: 'proxy', class: 'tcp-proxy' }, { name: 'web', class: 'web-php' }, pg('db'), { name: 'ghost', class: 'tcp-proxy' }],
      [
        ['proxy.out', 'web.in'],
        ['web.db', 'db.in'],
      ],
    );
    expect(validate(m).ok).toBe(true);
    // ghost wires its output "out" into db: inside web, "out" is web itself (web.in carries
    // proxy's alias) and db.
    m.connections.push({ from: 'ghost.out', to: 'db.in' });
    expect(messagesAt(validate(m), 'appliances[1]')).toEqual([
      'host name "out" would be ambiguous inside "web": it names "web" (network web.in) and "db" (network db.in); rename one of the outputs called "out"',
    ]);
  });

  it('refuses a chain whose outputs share a name: the middle one would resolve itself', () => {
    const m = manifest(
      [{ name: 'edge', class: 'halb' }, { name: 'lb', class: 'halb' }, { name: 'web', class: 'web-php' }],
      [
        ['edge.out', 'lb.in'],
        ['lb.out', 'web.in'],
      ],
    );
    expect(messagesAt(validate(m), 'appliances[1]')).toEqual([
      'host name "out" would be ambiguous inside "lb": it names "lb" (network lb.in) and "web" (network web.in); rename one of the outputs called "out"',
    ]);
  });

  it('allows the same name twice when it means the same server', () => {
    const m = manifest(
      [{ name: 'w1', class: 'web-php' }, { name: 'w2', class: 'web-php' }, pg('db'), { name: 'lb', class: 'halb' }],
      [
        ['w1.db', 'db.in'],
        ['w2.db', 'db.in'],
        ['lb.out', 'w1.in'],
      ],
    );
    expect(validate(m).ok).toBe(true);
  });

  it('ignores fs wires: they make no network and no alias', () => {
    const m = manifest(
      [{ name: 'web', class: 'web-php' }, { name: 'files', class: 'nas' }, { name: 'lb', class: 'halb' }, { name: 'other', class: 'web-php' }],
      [
        ['web.fs', 'files.fs'],
        ['lb.out', 'web.in'],
        ['other.fs', 'files.fs'],
      ],
    );
    expect(validate(m).ok).toBe(true);
  });
});
