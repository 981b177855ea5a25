import { describe, expect, it } from 'vitest';
import { stableHash, stableStringify } from './stable-hash';

describe('stableHash', () => {
  it('ignores key order but not array order', () => {
    expect(stableHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(stableHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(stableHash({ a: [1, 2] })).not.toBe(stableHash({ a: [2, 1] }));
  });

  it('drops undefined keys and keeps distinct values apart', () => {
    expect(stableStringify({ a: undefined, b: null })).toBe('{"b":null}');
    expect(stableHash({ a: '1' })).not.toBe(stableHash({ a: 1 }));
    expect(stableHash('x', 8)).toHaveLength(8);
  });
});
