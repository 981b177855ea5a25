import { describe, expect, it } from 'vitest';
import { parseProbe, parseSources, parseUsage } from './copy-volumes';
import { copyError, pathNames } from './volume-tool';

describe('copyError', () => {
  const own = pathNames(['/src/0', '/src/1'], ['/dst/0', '/dst/1'], ['db/data', 'web/uploads']);
  const warm = pathNames(['/host-ro/colo-a-db-data/_data'], ['/host/colo-snap-db-data/_data'], ['db/data']);

  it('names the volume instead of the tool mount, and calls a full disk what it is', () => {
    const out = 'rsync: [receiver] write failed on "/dst/1/base/16384": No space left on device (28)\n';
    const err = copyError('copying what changed while paused', out, 11, own);
    expect(err.code).toBe('no_space');
    expect(err.message).toBe('copying what changed while paused: no space left on the volume filesystem while writing web/uploads');
    const other = copyError('copying the volumes', "cp: cannot stat '/src/0/x': Permission denied\n", 1, own);
    expect(other.code).toBe('step_failed');
    expect(other.message).toBe("copying the volumes: cp: cannot stat 'db/data (source):/x': Permission denied");
  });

  it('names the volume behind a warm tool path the same way', () => {
    const err = copyError('copying the volumes', "cp: error writing '/host/colo-snap-db-data/_data/base/1': No space left on device\n", 1, warm);
    expect(err.code).toBe('no_space');
    expect(err.message).toBe('copying the volumes: no space left on the volume filesystem while writing db/data');
    const other = copyError('x', "cp: cannot open '/host-ro/colo-a-db-data/_data/k' for reading: Permission denied", 1, warm);
    expect(other.message).toBe("x: cp: cannot open 'db/data (source):/k' for reading: Permission denied");
  });

  it('keeps a mount path it has no name for, and says the status when the tool said nothing', () => {
    expect(copyError('x', 'failed on /dst/4/a', 1, pathNames(['/src/0'], ['/dst/0'], ['db/data'])).message).toBe('x: failed on /dst/4/a');
    expect(copyError('x', '', 3).message).toBe('x: the copy exited with status 3');
  });
});

describe('the tool answers', () => {
  it('reads the probe: method, free space, then bytes and files per source', () => {
    const out = 'method=copy avail=1048576\n4096 3 /src/0\n20480 17 /host-ro/v/_data\n';
    expect(parseProbe(out)).toEqual({ method: 'copy', availBytes: 1048576 });
    expect(parseSources(out, ['/src/0', '/host-ro/v/_data', '/src/9'])).toEqual([
      { bytes: 4096, files: 3 },
      { bytes: 20480, files: 17 },
      { bytes: 0, files: 0 },
    ]);
    expect(() => parseProbe('nonsense')).toThrow(/unexpected answer/);
  });

  it("reads du's lines, tab- or space-separated, in the order asked", () => {
    expect(parseUsage('12\t/dst/0\n30 /dst/1\n', ['/dst/1', '/dst/0', '/dst/2'])).toEqual([30, 12, 0]);
  });
});
