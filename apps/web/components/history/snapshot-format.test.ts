import { describe, expect, it } from 'vitest';
import { formatBytes, formatMethod, formatMs } from './snapshot-format';

describe('snapshot formats', () => {
  it('reads sizes in binary units with sensible digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MiB');
    expect(formatBytes(1.4 * 1024 ** 3)).toBe('1.40 GiB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GiB');
    expect(formatBytes(-1)).toBe('–');
  });

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
