// What a volume's tar may hold: regular files, directories and links that stay inside the
// volume. Absolute names, `..`, links pointing out (or anywhere absolute), devices and FIFOs are
// refused: the archive is untrusted input that Colo unpacks into a volume a container mounts.
import type { TarHeader } from './tar-stream';

/** The entry's path inside the volume (`` for its root), or why it may not be there. */
export function volumeEntryPath(name: string): { path: string } | { refused: string } {
  if (name.includes('\0')) return { refused: 'has a NUL character in its name' };
  if (name.startsWith('/')) return { refused: 'has an absolute path' };
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { refused: 'has a path with ".." in it' };
  return { path: parts.join('/') };
}

/** Where a link's target lands, resolved from the entry's own directory; undefined when it leaves the volume. */
function resolveInside(fromDir: string[], target: string): string | undefined {
  const parts = [...fromDir];
  for (const p of target.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(p);
    }
  }
  return parts.join('/');
}

/** Every reason this entry may not be unpacked into a volume; none when it may. */
export function volumeEntryProblems(header: TarHeader): string[] {
  const where = volumeEntryPath(header.name);
  const label = JSON.stringify(header.name.slice(0, 200));
  if ('refused' in where) return [`entry ${label} ${where.refused}`];
  switch (header.type) {
    case 'file':
    case 'directory':
      return [];
    case 'symlink': {
      if (header.linkname.startsWith('/')) return [`entry ${label} is a link to an absolute path (${JSON.stringify(header.linkname.slice(0, 200))})`];
      const dir = where.path.split('/').slice(0, -1).filter(Boolean);
      if (resolveInside(dir, header.linkname) === undefined) return [`entry ${label} is a link that leads out of the volume (${JSON.stringify(header.linkname.slice(0, 200))})`];
      return [];
    }
    case 'hardlink': {
      const target = volumeEntryPath(header.linkname);
      if ('refused' in target) return [`entry ${label} is a hard link to a path outside the volume`];
      return [];
    }
    case 'char-device':
    case 'block-device':
      return [`entry ${label} is a device file`];
    case 'fifo':
      return [`entry ${label} is a FIFO`];
    default:
      return [`entry ${label} is of a type Colo does not unpack (type flag "${header.flag}")`];
  }
}
