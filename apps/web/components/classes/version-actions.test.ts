import { describe, expect, it } from 'vitest';
import type { ClassVersionBody } from './types';
import { deleteBlocked, moveLabel, usageDetail } from './version-actions';

const v = (fields: Partial<ClassVersionBody>): ClassVersionBody => ({
  version: 2,
  source: 'committed',
  image: 'colo/web-php:2',
  head: false,
  note: '',
  createdBy: 'hal@colo.test',
  createdAt: '2026-12-02T10:00:00.000Z',
  baseVersion: 1,
  usedBy: [],
  usedByOthers: 0,
  ...fields,
});

describe('class version actions', () => {
  it('allows deleting only an unused committed version that is not the head, and says why not', () => {
    expect(deleteBlocked(v({}))).toBeUndefined();
    expect(deleteBlocked(v({ source: 'stock' }))).toMatch(/stock version lives in templates/);
    expect(deleteBlocked(v({ head: true }))).toMatch(/Followers use the head/);
    expect(deleteBlocked(v({ usedBy: [{ vdc: 'old', appliances: ['web'], containers: 0, pinned: true }], usedByOthers: 2 }))).toBe('In use by old (pinned), 2 VDCs of other users');
  });

  it('names the move by its direction and sums up a VDC\'s use', () => {
    expect(moveLabel(v({ version: 1 }), 2)).toBe('Roll back to this version');
    expect(moveLabel(v({ version: 3 }), 2)).toBe('Roll forward to this version');
    expect(usageDetail({ appliances: ['web', 'admin'], containers: 1 })).toBe('web, admin · 1 container');
    expect(usageDetail({ appliances: ['web'], containers: 0 })).toBe('web');
  });
});
