import { describe, expect, it } from 'vitest';
import { checkManifestLimits, MANIFEST_LIMITS } from './manifest-limits';
import { shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';
import { fixtureCatalog } from './test-fixtures';

const errorsOf = (value: unknown) => checkManifestLimits(value).finish().errors.map((e) => `${e.path}: ${e.message}`);
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

describe('checkManifestLimits', () => {
  it('passes a real manifest', () => {
    expect(errorsOf(shopManifest())).toEqual([]);
  });

  it('bounds every list and map by where it is, naming the path and the limit', () => {
    const m = shopManifest() as Record<string, unknown> & { appliances: Record<string, unknown>[] };
    m.appliances[0].expose = times(101, (i) => ({ terminal: 'in', port: 2000 + i }));
    m.appliances[1].startAfter = times(1001, () => 'db');
    m.appliances[2].properties = Object.fromEntries(times(101, (i) => [`p${i}`, 1]));
    m.visual = Object.fromEntries(times(1001, (i) => [`v${i}`, { x: 0, y: 0 }]));
    m.connections = times(10001, () => ({ from: 'a.b', to: 'c.d' }));
    expect(errorsOf(m)).toEqual([
      'appliances[0].expose: must have at most 100 items',
      'appliances[1].startAfter: must have at most 1000 items',
      'appliances[2].properties: must have at most 100 entries',
      'connections: must have at most 10000 items',
      'visual: must have at most 1000 entries',
    ]);
    expect(errorsOf({ appliances: times(1001, () => ({})) })).toEqual(['appliances: must have at most 1000 items']);
  });

  it('bounds keys of strict objects, lists elsewhere, strings, keys and depth', () => {
    expect(errorsOf({ appliances: [Object.fromEntries(times(33, (i) => [`k${i}`, 1]))] })).toEqual([
      'appliances[0]: must have at most 32 keys',
    ]);
    expect(errorsOf({ description: times(1001, () => 1) })).toEqual(['description: must have at most 1000 items']);
    expect(errorsOf({ description: 'x'.repeat(MANIFEST_LIMITS.stringLength + 1) })).toEqual([
      'description: must have at most 65536 characters',
    ]);
    const [longKey] = errorsOf({ ['k'.repeat(5000)]: 1 });
    expect(longKey).toMatch(/^\["k{100}…"\]: keys must be 1 to 200 characters long$/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(errorsOf({ description: deep })).toEqual([
      `description${'[0]'.repeat(15)}: is nested too deeply: a manifest has at most 16 levels`,
    ]);
  });

  it('stops the validator before the schema runs', () => {
    const m = { ...shopManifest(), apiVersion: 'nope', visual: Object.fromEntries(times(1001, (i) => [`v${i}`, 'x'])) };
    expect(validateManifest(m, fixtureCatalog).errors).toEqual([
      { path: 'visual', message: 'must have at most 1000 entries', severity: 'error' },
    ]);
  });
});
