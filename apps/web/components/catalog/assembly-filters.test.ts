import { describe, expect, it } from 'vitest';
import { filterCounts, matchesFilter, usesByVersion } from './assembly-filters';

const mine = { mine: true, visibility: 'private' as const };
const minePublished = { mine: true, visibility: 'published' as const };
const sharedWithMe = { mine: false, visibility: 'shared' as const };
const theirsPublished = { mine: false, visibility: 'published' as const };

describe('assembly filters', () => {
  it('sorts each assembly into Mine, Shared with me and Published', () => {
    expect(matchesFilter(mine, 'mine')).toBe(true);
    expect(matchesFilter(mine, 'published')).toBe(false);
    expect(matchesFilter(minePublished, 'published')).toBe(true);
    expect(matchesFilter(sharedWithMe, 'shared')).toBe(true);
    expect(matchesFilter(sharedWithMe, 'mine')).toBe(false);
    expect(matchesFilter(theirsPublished, 'shared')).toBe(false);
    expect(matchesFilter(theirsPublished, 'published')).toBe(true);
    expect(filterCounts([mine, minePublished, sharedWithMe, theirsPublished])).toEqual({ all: 4, mine: 2, shared: 1, published: 2 });
  });

  it('groups the VDCs that use an assembly by version, newest first', () => {
    expect(
      usesByVersion([
        { vdc: 'shop', version: 1 },
        { vdc: 'blog', version: 2 },
        { vdc: 'api', version: 1 },
        { vdc: 'shop', version: 1 },
      ]),
    ).toEqual([
      { version: 2, vdcs: ['blog'] },
      { version: 1, vdcs: ['api', 'shop'] },
    ]);
  });
});
