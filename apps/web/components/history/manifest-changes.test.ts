import { describe, expect, it } from 'vitest';
import { describeChanges, hasChanges, manifestChanges, sameValue } from './manifest-changes';

const base = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
  appliances: [
    { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
    { name: 'web', class: 'web-php', replicas: 2, properties: { workers: 4, php: '8.2' } },
    { name: 'db', class: 'postgres' },
  ],
  connections: [
    { from: 'lb.out', to: 'web.in' },
    { from: 'web.db', to: 'db.in' },
  ],
  visual: { lb: { x: 0, y: 0 }, web: { x: 240, y: 0 } },
};

describe('manifestChanges', () => {
  it('names appliances added, removed and changed, and which fields changed', () => {
    const next = {
      ...base,
      appliances: [
        { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
        { name: 'web', class: 'web-php', replicas: 3, properties: { php: '8.2', workers: 8 } },
        { name: 'cache', class: 'redis' },
      ],
      connections: [{ from: 'lb.out', to: 'web.in' }, { from: 'web.cache', to: 'cache.in' }],
    };
    const c = manifestChanges(base, next);
    expect(c.added).toEqual(['cache']);
    expect(c.removed).toEqual(['db']);
    expect(c.changed).toEqual([{ name: 'web', fields: ['replicas', 'properties.workers'] }]);
    expect(c.wiresAdded).toEqual(['web.cache → cache.in']);
    expect(c.wiresRemoved).toEqual(['web.db → db.in']);
    expect(c.layoutChanged).toBe(false);
    expect(describeChanges(c)).toEqual([
      'Added cache',
      'Removed db',
      'Changed web: replicas, properties.workers',
      'Wired web.cache → cache.in',
      'Unwired web.db → db.in',
    ]);
  });

  it('sees nothing for the same meaning written in another key order', () => {
    const reordered = {
      visual: { web: { y: 0, x: 240 }, lb: { x: 0, y: 0 } },
      connections: base.connections.map((c) => ({ to: c.to, from: c.from })),
      appliances: base.appliances.map((a) => Object.fromEntries(Object.entries(a).reverse())),
      name: 'shop',
      kind: 'VDC',
      apiVersion: 'colo/v1',
    };
    const c = manifestChanges(base, reordered);
    expect(hasChanges(c, { layout: true })).toBe(false);
    expect(describeChanges(c)).toEqual([]);
  });

  it('tells a layout-only change apart from a change of meaning', () => {
    const moved = { ...base, visual: { ...base.visual, web: { x: 300, y: 40 } } };
    const c = manifestChanges(base, moved);
    expect(c.layoutChanged).toBe(true);
    expect(hasChanges(c)).toBe(false);
    expect(hasChanges(c, { layout: true })).toBe(true);
    expect(describeChanges(c)).toEqual(['Layout moved']);
  });

  it('names VDC-level fields and whole-field changes (class, expose, properties appearing)', () => {
    const next = {
      ...base,
      name: 'shop-v2',
      appliances: [
        { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 9090 }] },
        { name: 'web', class: 'web-static', replicas: 2, properties: { workers: 4, php: '8.2' } },
        { name: 'db', class: 'postgres', properties: { database: 'shop' } },
      ],
    };
    const c = manifestChanges(base, next);
    expect(c.vdcFields).toEqual(['name']);
    expect(c.changed).toEqual([
      { name: 'lb', fields: ['expose'] },
      { name: 'web', fields: ['class'] },
      { name: 'db', fields: ['properties.database'] },
    ]);
  });

  it('reads missing or malformed manifests as empty', () => {
    const c = manifestChanges(undefined, base);
    expect(c.added).toEqual(['lb', 'web', 'db']);
    expect(manifestChanges(null, 'text').added).toEqual([]);
  });
});

describe('sameValue', () => {
  it('compares JSON deeply, ignoring key order and undefined keys', () => {
    expect(sameValue({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
