// The data half of colo export / colo import, where it needs no server: a .colo.tar told from a
// .colo.yaml by its ustar magic (not its name), --snapshot only with --with-data, and an
// existing file refused before anything is asked of the server (not even a snapshot).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli, tempDir } from '../../test/run-cli';
import { isTarFile } from './bundle-data';

let server: FakeColo;
afterEach(() => server?.close());

function ustarBlock(): Buffer {
  const block = Buffer.alloc(1024);
  block.write('bundle.colo.yaml', 0);
  block.write('ustar\u000000', 257, 'latin1');
  return block;
}

describe('colo export --with-data and colo import of a .colo.tar', () => {
  it('tells an archive by its ustar magic, whatever the name', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'moved.bin'), ustarBlock());
    writeFileSync(path.join(dir, 'looks.tar'), 'apiVersion: colo/v1\nkind: Bundle\n');
    expect(await isTarFile(path.join(dir, 'moved.bin'))).toBe(true);
    expect(await isTarFile(path.join(dir, 'looks.tar'))).toBe(false);
    expect(await isTarFile(path.join(dir, 'missing.tar'))).toBe(false);
  });

  it('takes --snapshot only with --with-data, and never writes over a file (asking nothing first)', async () => {
    server = await startFakeColo({});
    const usage = await runCli(['export', 'shop', '--snapshot', '2'], { server });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--snapshot goes with --with-data');

    const dir = tempDir();
    writeFileSync(path.join(dir, 'shop.colo.tar'), 'keep me');
    const refused = await runCli(['export', 'shop', '--with-data'], { server, cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('shop.colo.tar exists; it was left as it is');
    expect(server.requests).toEqual([]);
  });
});
