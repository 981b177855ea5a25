import { describe, expect, it } from 'vitest';
import { formatMethod, formatMs } from './snapshot-format';

describe('snapshot formats', () => {
  it('reads durations as ms, s, or minutes', () => {
    expect(formatMs(120)).toBe('120 ms');
    expect(formatMs(3240)).toBe('3.2 s');
    expect(formatMs(42_000)).toBe('42 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(null)).toBe('–');
  });

  it('names the copy method in words', () => {
    expect(formatMethod('reflink')).toBe('copy-on-write');
    expect(formatMethod('copy')).toBe('streaming copy');
    expect(formatMethod(null)).toBe('–');
  });
});
