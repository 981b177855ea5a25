// Class versions beside the stock ones: those users committed from a class prototype (kept in
// Colo's database, each an image of its own), and which version each class's followers use.
// Stock versions come from templates/; a stored version with the same number wins, since its
// image is what the user made.
import { type ApplianceClass, type Catalog, classSchema } from '@colo/manifest';
import type { ClassSource, FileCatalog } from './file-catalog';

export interface StoredClassVersion {
  classId: string;
  version: number;
  /** The class definition it runs with (its base version's class.yaml, as parsed). */
  definition: unknown;
  /** The committed image, `<namespace>/<class>:<version>-<instance>` (committedImage). */
  image: string;
}

/**
 * The image tag a committed version gets: never one a template build makes (`<version>` alone),
 * and never another installation's on the same engine (a test run beside a user's Colo).
 */
export function committedImage(namespace: string, instance: string, classId: string, version: number): string {
  return `${namespace}/${classId}:${version}-${instance}`;
}

/**
 * `base` with the stored versions added and `heads` (class id → version) deciding what a bare
 * class id means; without a head (or with a head naming no version) it is the highest version.
 */
export function withStoredVersions(
  base: Catalog & Partial<Pick<FileCatalog, 'sources'>>,
  stored: readonly StoredClassVersion[],
  heads: ReadonlyMap<string, number>,
): FileCatalog {
  const byId = new Map<string, Map<number, ClassSource>>();
  const baseSources = base.sources?.() ?? base.list().map((c) => ({ class: c, dir: '', file: '', hasDockerfile: false }));
  for (const s of baseSources) {
    const versions = byId.get(s.class.id) ?? new Map<number, ClassSource>();
    versions.set(s.class.version, s);
    byId.set(s.class.id, versions);
  }
  for (const v of stored) {
    const parsed = classSchema.safeParse({ ...(v.definition as object), id: v.classId, version: v.version, image: v.image });
    if (!parsed.success) continue; // a definition this Colo no longer reads is not offered
    const versions = byId.get(v.classId) ?? new Map<number, ClassSource>();
    const baseSource = [...versions.values()].at(-1);
    versions.set(v.version, { class: parsed.data as ApplianceClass, dir: baseSource?.dir ?? '', file: '', hasDockerfile: false });
    byId.set(v.classId, versions);
  }
  const sorted = new Map([...byId].map(([id, versions]) => [id, [...versions.values()].sort((a, b) => a.class.version - b.class.version)]));
  const ordered = [...sorted.keys()].sort().flatMap((id) => sorted.get(id)!);

  const source = (ref: string): ClassSource | undefined => {
    const at = ref.indexOf('@');
    if (at === -1) {
      const versions = sorted.get(ref);
      const head = heads.get(ref);
      return versions?.find((s) => s.class.version === head) ?? versions?.at(-1);
    }
    const version = ref.slice(at + 1);
    if (!/^[1-9][0-9]*$/.test(version)) return undefined;
    return sorted.get(ref.slice(0, at))?.find((s) => s.class.version === Number(version));
  };
  return {
    get: (ref) => source(ref)?.class,
    list: () => ordered.map((s) => s.class),
    source,
    sources: () => [...ordered],
  };
}
