import { describe, expect, it } from 'vitest';
import { parseProbe, parseUsage } from './copy-volumes';
import { copyError } from './volume-tool';

describe('copyError', () => {
  it('names the volume instead of the tool mount, and calls a full disk what it is', () => {
    const out = 'rsync: [receiver] write failed on "/dst/1/base/16384": No space left on device (28)\n';
    const err = copyError('copying what changed while paused', out, 11, ['db/data', 'web/uploads']);
    expect(err.code).toBe('no_space');
    expect(err.message).toBe('copying what changed while paused: no space left on the volume filesystem while writing web/uploads');
    const other = copyError('copying the volumes', 'cp: cannot stat \'/src/0/x\': Permission denied\n', 1, ['db/data']);
    expect(other.code).toBe('step_failed');
    expect(other.message).toBe("copying the volumes: cp: cannot stat 'db/data (source):/x': Permission denied");
  });

  it('keeps a mount path it has no name for, and says the status when the tool said nothing', () => {
    expect(copyError('x', 'failed on /dst/4/a', 1, ['db/data']).message).toBe('x: failed on /dst/4/a');
    expect(copyError('x', '', 3).message).toBe('x: the copy exited with status 3');
  });
});

describe('the tool answers', () => {
  it('reads the probe and du lines, tab- or space-separated, with exec frame bytes around', () => {
    const out = '\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0030method=copy avail=1048576\n4096\t/src/0\n20480\t/src/1\n';
    expect(parseProbe(out)).toEqual({ method: 'copy', availBytes: 1048576 });
    expect(parseUsage(out, 2)).toEqual([4096, 20480]);
    expect(parseUsage('12 /dst/0\n', 2)).toEqual([12, 0]);
    expect(() => parseProbe('nonsense')).toThrow(/unexpected answer/);
  });
});
