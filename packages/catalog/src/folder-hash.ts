// The identity of a class folder's content: the build context of its image. The same files give
// the same hash on any machine, so an image labelled with it needs no rebuild.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Every file and symlink under `dir`, as sorted POSIX paths relative to it. */
export async function listFolderFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(child);
    }
  };
  await walk('');
  // Code-unit order, not locale order: the hash must not depend on the machine's locale.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha256 over each file's path, executable bit and bytes. Times and owners are left out: they
 * differ between checkouts of the same commit and do not change what the image does.
 */
export async function hashFolder(dir: string, files?: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const rel of files ?? (await listFolderFiles(dir))) {
    const abs = path.join(dir, rel);
    const stat = await lstat(abs);
    hash.update(`${rel}\0`);
    if (stat.isSymbolicLink()) {
      hash.update(`link\0${await readlink(abs)}\0`);
      continue;
    }
    hash.update(stat.mode & 0o111 ? 'exec\0' : 'file\0');
    hash.update(`${stat.size}\0`);
    hash.update(await readFile(abs));
  }
  return hash.digest('hex');
}
