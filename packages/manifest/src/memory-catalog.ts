// A catalog held in memory: what the browser builds from `GET /catalog`, what tests use, and
// what @colo/catalog wraps around the classes it loads from disk.
import { withAssemblies } from './assembly-catalog';
import type { AssemblyDefinition } from './assembly-schema';
import type { ApplianceClass, Catalog } from './class-schema';

/**
 * `get("web-php")` is the head version (`heads`: what unpinned appliances follow on the server)
 * or else the highest, `get("web-php@2")` exactly version 2; `list()` is every version, ordered
 * by id then version. Two classes with the same id and version are a catalog bug, so they throw.
 */
export function createCatalog(
  classes: readonly ApplianceClass[],
  heads: Readonly<Record<string, number>> = {},
  assemblies: readonly AssemblyDefinition[] = [],
): Catalog {
  return withAssemblies(classCatalog(classes, heads), assemblies);
}

function classCatalog(classes: readonly ApplianceClass[], heads: Readonly<Record<string, number>>): Catalog {
  const byId = new Map<string, ApplianceClass[]>();
  for (const cls of classes) {
    const versions = byId.get(cls.id) ?? [];
    if (versions.some((v) => v.version === cls.version)) {
      throw new Error(`catalog has class "${cls.id}" version ${cls.version} twice`);
    }
    versions.push(cls);
    byId.set(cls.id, versions);
  }
  for (const versions of byId.values()) versions.sort((a, b) => a.version - b.version);
  const all = [...byId.keys()].sort().flatMap((id) => byId.get(id)!);

  return {
    get(ref) {
      const at = ref.indexOf('@');
      if (at === -1) {
        const versions = byId.get(ref);
        return versions?.find((c) => c.version === heads[ref]) ?? versions?.at(-1);
      }
      const version = ref.slice(at + 1);
      if (!/^[1-9][0-9]*$/.test(version)) return undefined;
      return byId.get(ref.slice(0, at))?.find((c) => c.version === Number(version));
    },
    list() {
      return [...all];
    },
  };
}
