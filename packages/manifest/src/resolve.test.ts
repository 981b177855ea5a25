import { describe, expect, it } from 'vitest';
import { manifestSchema } from './manifest-schema';
import { resolveManifest } from './resolve';
import { fixtureCatalog, shopManifest } from './test-fixtures';

const MiB = 1024 * 1024;

describe('resolveManifest', () => {
  const resolved = resolveManifest(manifestSchema.parse(shopManifest()), fixtureCatalog);
  const byName = (name: string) => resolved.appliances.find((a) => a.name === name)!;

  it('looks up the latest class for a bare id', () => {
    expect(byName('web').class.id).toBe('web-php');
    expect(byName('web').class.version).toBe(2);
  });

  it('keeps what the manifest says and converts memory to bytes', () => {
    expect(byName('web').replicas).toBe(3);
    expect(byName('web').resources).toEqual({ cpu: 0.5, memoryBytes: 256 * MiB });
    expect(byName('lb').expose).toEqual([{ terminal: 'in', port: 8080 }]);
  });

  it('applies class defaults for replicas, cpu, memory, standby and startAfter', () => {
    const db = byName('db');
    expect(db.replicas).toBe(1);
    expect(db.resources).toEqual({ cpu: 1, memoryBytes: 256 * MiB });
    expect(db.standby).toBe(false);
    expect(db.startAfter).toEqual([]);
    expect(db.expose).toEqual([]);
  });

  it('fills in property defaults and leaves unset optional ones out', () => {
    expect(byName('web').properties).toEqual({ workers: 4, docroot: '/var/www/html' });
    expect(byName('lb').properties).toEqual({ sticky: false, algorithm: 'roundrobin' });
    expect(byName('db').properties).toEqual({ database: 'shop' });
  });

  it('keeps a false or zero the manifest sets instead of the default', () => {
    const m = shopManifest();
    m.appliances[0].properties = { sticky: true };
    m.appliances[1].replicas = 0;
    const r = resolveManifest(manifestSchema.parse(m), fixtureCatalog);
    expect(r.appliances[0].properties.sticky).toBe(true);
    expect(r.appliances[1].replicas).toBe(0);
  });

  it('uses the pinned version', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-php@1';
    const r = resolveManifest(manifestSchema.parse(m), fixtureCatalog);
    expect(r.appliances[1].class.version).toBe(1);
    expect(r.appliances[1].resources.memoryBytes).toBe(256 * MiB);
  });

  it('splits connections into terminal refs', () => {
    expect(resolved.name).toBe('shop');
    expect(resolved.connections[2]).toEqual({
      from: { appliance: 'web', terminal: 'db' },
      to: { appliance: 'db', terminal: 'in' },
    });
  });

  it('throws on a class the catalog lacks: the caller skipped validation', () => {
    const m = shopManifest();
    m.appliances[1].class = 'nope';
    expect(() => resolveManifest(manifestSchema.parse(m), fixtureCatalog)).toThrow(/unknown class "nope"/);
  });
});
