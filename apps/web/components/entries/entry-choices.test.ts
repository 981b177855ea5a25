import { describe, expect, it } from 'vitest';
import { entryTargets, exposedTerminals, parsePort, rollbackOf, switchTargets } from './entry-choices';

const vdcs = [
  { name: 'shop', state: 'running' },
  { name: 'shop-v2', state: 'running' },
  { name: 'draft', state: 'new' },
  { name: 'old', state: 'stopped' },
];

describe('entry choices', () => {
  it('offers running VDCs first and says why the others cannot serve', () => {
    expect(entryTargets(vdcs)).toEqual([
      { name: 'shop', disabled: undefined },
      { name: 'shop-v2', disabled: undefined },
      { name: 'draft', disabled: 'not deployed' },
      { name: 'old', disabled: 'stopped' },
    ]);
  });

  it('switches only to another VDC than the current one', () => {
    expect(switchTargets({ vdc: 'shop' }, vdcs).map((c) => c.name)).toEqual(['shop-v2', 'draft', 'old']);
  });

  it('rolls back to the previous VDC when it can serve, and says why not otherwise', () => {
    expect(rollbackOf({ vdc: 'shop-v2', previousVdc: 'shop' }, vdcs)).toEqual({ to: 'shop' });
    expect(rollbackOf({ vdc: 'shop', previousVdc: 'old' }, vdcs)).toEqual({ to: 'old', disabled: 'old is stopped' });
    expect(rollbackOf({ vdc: 'shop', previousVdc: 'gone' }, vdcs)).toEqual({ to: 'gone', disabled: 'gone no longer exists' });
    expect(rollbackOf({ vdc: 'shop', previousVdc: null }, vdcs)).toBeUndefined();
    expect(rollbackOf({ vdc: 'shop', previousVdc: 'shop' }, vdcs)).toBeUndefined();
  });

  it('lists the exposed terminals of a manifest, skipping appliances scaled to zero', () => {
    const manifest = {
      appliances: [
        { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
        { name: 'admin', class: 'web-php', expose: [{ terminal: 'in', port: 8081 }, { terminal: 'in', port: 8082 }] },
        { name: 'spare', class: 'halb', replicas: 0, expose: [{ terminal: 'in', port: 8083 }] },
        { name: 'db', class: 'postgres' },
      ],
    };
    expect(exposedTerminals(manifest)).toEqual(['lb.in', 'admin.in']);
    expect(exposedTerminals(null)).toEqual([]);
  });

  it('reads a port only inside the range an entry may use', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort(' 65535 ')).toBe(65535);
    expect(parsePort('80')).toBeUndefined();
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('8o80')).toBeUndefined();
  });
});
