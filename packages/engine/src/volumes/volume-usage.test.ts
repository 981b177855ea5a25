import { describe, expect, it } from 'vitest';
import { parseDf } from './volume-usage';

describe('parseDf', () => {
  it('reads one line per path, in order, as df -P -k prints them (percent rounded up, like df)', () => {
    const out = [
      'Filesystem     1024-blocks     Used Available Capacity Mounted on',
      '/dev/vda         264212084 31420768  74970144      30% /host-ro',
      'tmpfs                 1000      999         1     100% /host-ro',
      '',
    ].join('\n');
    expect(parseDf(out, 2)).toEqual([
      { sizeBytes: 264212084 * 1024, availBytes: 74970144 * 1024, percent: 30 },
      { sizeBytes: 1000 * 1024, availBytes: 1024, percent: 100 },
    ]);
  });

  it('gives up on output it cannot trust: a missing line (df could not read a path) or a field that is no number', () => {
    expect(parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 10 5 5 50% /x\n', 2)).toBeUndefined();
    expect(parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda ten 5 5 50% /x\n', 1)).toBeUndefined();
  });
});
