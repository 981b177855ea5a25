import { describe, expect, it } from 'vitest';
import type { VdcRow } from './types';
import { applyVdcQuery, DEFAULT_QUERY, parseVdcQuery, vdcQueryString } from './vdc-query';

function row(name: string, state: string, updatedAt: string, description = ''): VdcRow {
  return { id: `vdc_${name}`, name, state, description, updatedAt, revision: 1, applianceCount: 1, lastOperation: null };
}

const rows = [
  row('shop', 'running', '2026-12-01T10:00:00Z', 'The web shop: LAMP'),
  row('blog', 'stopped', '2026-12-03T10:00:00Z'),
  row('old-shop', 'destroyed', '2026-11-01T10:00:00Z', 'last year'),
  row('wiki', 'failed', '2026-12-02T10:00:00Z'),
  row('scratch', 'new', '2026-12-02T12:00:00Z'),
];
const names = (q: Partial<typeof DEFAULT_QUERY>) => applyVdcQuery(rows, { ...DEFAULT_QUERY, ...q }).shown.map((v) => v.name);

describe('applyVdcQuery', () => {
  it('hides destroyed VDCs by default and counts them', () => {
    expect(applyVdcQuery(rows, DEFAULT_QUERY)).toMatchObject({ hiddenDestroyed: 1 });
    expect(names({})).toEqual(['blog', 'scratch', 'shop', 'wiki']);
    expect(names({ state: 'all' })).toContain('old-shop');
    expect(applyVdcQuery(rows, { ...DEFAULT_QUERY, state: 'all' }).hiddenDestroyed).toBe(0);
    expect(names({ state: 'destroyed' })).toEqual(['old-shop']);
  });

  it('searches names and descriptions, every word, any case; the hidden count follows the search', () => {
    expect(names({ q: 'lamp' })).toEqual(['shop']);
    expect(names({ q: 'SHOP' })).toEqual(['shop']);
    expect(applyVdcQuery(rows, { ...DEFAULT_QUERY, q: 'shop' }).hiddenDestroyed).toBe(1);
    expect(applyVdcQuery(rows, { ...DEFAULT_QUERY, q: 'wiki' }).hiddenDestroyed).toBe(0);
    expect(names({ q: 'web lamp' })).toEqual(['shop']);
    expect(names({ q: 'web blog' })).toEqual([]);
  });

  it('sorts by name, by state (failed first) and by last change (newest first)', () => {
    expect(names({ sort: 'state' })).toEqual(['wiki', 'shop', 'blog', 'scratch']);
    expect(names({ sort: 'changed' })).toEqual(['blog', 'scratch', 'wiki', 'shop']);
  });
});

describe('the query string', () => {
  it('round-trips and leaves defaults out', () => {
    const query = { q: 'shop', state: 'all', sort: 'changed' } as const;
    expect(vdcQueryString(query)).toBe('?q=shop&state=all&sort=changed');
    expect(parseVdcQuery(Object.fromEntries(new URLSearchParams(vdcQueryString(query))))).toEqual(query);
    expect(vdcQueryString(DEFAULT_QUERY)).toBe('');
  });

  it('falls back to the default for values it does not know', () => {
    expect(parseVdcQuery({ state: 'sleeping', sort: ['size'], q: undefined })).toEqual(DEFAULT_QUERY);
  });
});
