// The class versions users committed, and each class's head, as the catalog layers them over the
// stock versions of templates/ (@colo/catalog withStoredVersions).
import type { StoredClassVersion } from '@colo/catalog';
import { getPrisma } from '@colo/db';

export async function storedClassVersions(): Promise<{ stored: StoredClassVersion[]; heads: Map<string, number> }> {
  const db = getPrisma();
  const [rows, heads] = await Promise.all([
    db.classVersion.findMany({ select: { classId: true, version: true, definition: true, image: true }, orderBy: [{ classId: 'asc' }, { version: 'asc' }] }),
    db.classHead.findMany(),
  ]);
  return { stored: rows, heads: new Map(heads.map((h) => [h.classId, h.version])) };
}
