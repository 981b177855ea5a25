import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFolder, listFolderFiles } from './folder-hash';

describe('hashFolder', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function folder(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'colo-hash-'));
    dirs.push(dir);
    // Written in reverse order: the hash must not depend on creation order.
    for (const [rel, text] of Object.entries(files).reverse()) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    return dir;
  }

  const files = { Dockerfile: 'FROM debian:bookworm-slim\n', 'entrypoint.sh': '#!/bin/sh\n', 'www/index.html': '<h1>hi</h1>\n' };

  it('lists files recursively in a fixed order', async () => {
    expect(await listFolderFiles(await folder(files))).toEqual(['Dockerfile', 'entrypoint.sh', 'www/index.html']);
  });

  it('is the same for the same content in another place', async () => {
    const a = await hashFolder(await folder(files));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashFolder(await folder(files))).toBe(a);
  });

  it('changes when a byte, a name, a new file or the executable bit changes', async () => {
    const base = await hashFolder(await folder(files));
    const variants: Record<string, string>[] = [
      { ...files, 'www/index.html': '<h1>hi!</h1>\n' },
      { Dockerfile: files.Dockerfile, 'entrypoint.sh': files['entrypoint.sh'], 'www/home.html': files['www/index.html'] },
      { ...files, 'extra.conf': '' },
    ];
    const hashes = await Promise.all(variants.map(async (v) => hashFolder(await folder(v))));
    for (const h of hashes) expect(h).not.toBe(base);

    const exec = await folder(files);
    await chmod(path.join(exec, 'entrypoint.sh'), 0o755);
    expect(await hashFolder(exec)).not.toBe(base);
  });
});
