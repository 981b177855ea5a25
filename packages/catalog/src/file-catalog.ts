// The Catalog the validator and the engine read, built from classes loaded off disk. Besides the
// classes it remembers where each came from, because building a class image needs its folder.
import type { ApplianceClass, Catalog } from '@colo/manifest';

export interface ClassSource {
  class: ApplianceClass;
  /** Absolute path of the class folder: the Docker build context. */
  dir: string;
  /** Absolute path of its class.yaml. */
  file: string;
  /** Whether a Dockerfile sits in `dir` (else the class names a prebuilt `image`). */
  hasDockerfile: boolean;
}

export interface FileCatalog extends Catalog {
  /** Every class with its folder, ordered like list(). */
  sources(): ClassSource[];
  /** The source for `id` (latest version) or `id@version`. */
  source(ref: string): ClassSource | undefined;
}

/** `get("web-php")` is the highest version, `get("web-php@2")` exactly version 2. */
export function createFileCatalog(sources: readonly ClassSource[]): FileCatalog {
  const byId = new Map<string, ClassSource[]>();
  for (const source of sources) {
    const { id, version } = source.class;
    const versions = byId.get(id) ?? [];
    if (versions.some((v) => v.class.version === version)) {
      throw new Error(`catalog has class "${id}" version ${version} twice (${source.file})`);
    }
    versions.push(source);
    byId.set(id, versions);
  }
  for (const versions of byId.values()) versions.sort((a, b) => a.class.version - b.class.version);
  const ordered = [...byId.keys()].sort().flatMap((id) => byId.get(id)!);

  const source = (ref: string): ClassSource | undefined => {
    const at = ref.indexOf('@');
    if (at === -1) return byId.get(ref)?.at(-1);
    const version = ref.slice(at + 1);
    if (!/^[1-9][0-9]*$/.test(version)) return undefined;
    return byId.get(ref.slice(0, at))?.find((s) => s.class.version === Number(version));
  };

  return {
    get: (ref) => source(ref)?.class,
    list: () => ordered.map((s) => s.class),
    source,
    sources: () => [...ordered],
  };
}
