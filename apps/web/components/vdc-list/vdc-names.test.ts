import { DNS_LABEL } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import type { VdcRow } from './types';
import { asVdcName, movePorts, namesInTeam, publishedPorts, suggestName } from './vdc-names';

describe('suggestName', () => {
  it("takes the assembly's name, or numbers it when the team has one already", () => {
    expect(suggestName('lamp', new Set())).toBe('lamp');
    expect(suggestName('lamp', new Set(['lamp', 'lamp-2']))).toBe('lamp-3');
  });

  it('makes any text a valid VDC name, and keeps it within 32 characters when numbered', () => {
    expect(asVdcName('LAMP cluster (3 web)')).toBe('lamp-cluster-3-web');
    expect(asVdcName('9lives')).toBe('lives');
    const long = 'a'.repeat(40);
    const name = suggestName(long, new Set(['a'.repeat(32)]));
    expect(name).toBe(`${'a'.repeat(30)}-2`);
    for (const n of [name, asVdcName('Shop-'), suggestName('', new Set())]) expect(DNS_LABEL.test(n)).toBe(true);
  });
});

describe('namesInTeam', () => {
  const row = (name: string, team?: { slug: string; personal: boolean }) => ({ id: name, name, team: team && { ...team, role: 'admin' } }) as VdcRow;
  it("counts only the chosen team's names ('' is the personal team)", () => {
    const rows = [row('shop', { slug: 'ann', personal: true }), row('blog', { slug: 'acme', personal: false }), row('old')];
    expect([...namesInTeam(rows, '')]).toEqual(['shop', 'old']);
    expect([...namesInTeam(rows, 'acme')]).toEqual(['blog']);
  });
});

describe('published ports', () => {
  const manifest = {
    name: 'shop',
    appliances: [
      { name: 'lb', expose: [{ terminal: 'in', port: 8080 }, { terminal: 'admin', port: 9000 }] },
      { name: 'db' },
    ],
  };
  it('lists the ports and moves the ones asked', () => {
    expect(publishedPorts(manifest)).toEqual([8080, 9000]);
    const moved = movePorts(manifest, { 8080: 8090 });
    expect(publishedPorts(moved)).toEqual([8090, 9000]);
    expect(moved.appliances[1]).toBe(manifest.appliances[1]);
    expect(publishedPorts(manifest)).toEqual([8080, 9000]);
  });
});
