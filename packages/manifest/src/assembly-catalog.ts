// A catalog with assemblies beside its classes: `get("shop@2")` is the box class of assembly
// "shop" version 2, `assembly("shop@2")` its definition. Classes win an id both claim (control
// refuses to save an assembly under a class id; a class added later must not be shadowed).
import { assemblyClass } from './assembly-class';
import type { AssemblyDefinition } from './assembly-schema';
import type { ApplianceClass, Catalog } from './class-schema';

function splitRef(ref: string): { id: string; version?: number } | undefined {
  const at = ref.indexOf('@');
  if (at === -1) return { id: ref };
  const version = ref.slice(at + 1);
  if (!/^[1-9][0-9]{0,8}$/.test(version)) return undefined;
  return { id: ref.slice(0, at), version: Number(version) };
}

export function withAssemblies(base: Catalog, assemblies: readonly AssemblyDefinition[]): Catalog {
  if (assemblies.length === 0) return base;
  const classIds = new Set(base.list().map((c) => c.id));
  const byId = new Map<string, AssemblyDefinition[]>();
  for (const def of assemblies) {
    if (classIds.has(def.id)) continue;
    const versions = byId.get(def.id) ?? [];
    if (versions.some((v) => v.version === def.version)) {
      throw new Error(`catalog has assembly "${def.id}" version ${def.version} twice`);
    }
    versions.push(def);
    byId.set(def.id, versions);
  }
  for (const versions of byId.values()) versions.sort((a, b) => a.version - b.version);

  const boxes = new Map<AssemblyDefinition, ApplianceClass>();
  const building = new Set<AssemblyDefinition>();
  const findAssembly = (ref: string): AssemblyDefinition | undefined => {
    const parts = splitRef(ref);
    if (!parts || classIds.has(parts.id)) return undefined;
    const versions = byId.get(parts.id);
    return parts.version === undefined ? versions?.at(-1) : versions?.find((d) => d.version === parts.version);
  };
  const catalog: Catalog = {
    get(ref) {
      const cls = base.get(ref);
      if (cls) return cls;
      const def = findAssembly(ref);
      if (!def) return undefined;
      let box = boxes.get(def);
      if (box) return box;
      // A definition that (through others) contains itself has no box: nothing can expand it.
      if (building.has(def)) return undefined;
      building.add(def);
      try {
        box = assemblyClass(def, catalog);
      } finally {
        building.delete(def);
      }
      boxes.set(def, box);
      return box;
    },
    list() {
      const own = [...byId.values()].flat().map((def) => catalog.get(`${def.id}@${def.version}`)!);
      return [...base.list(), ...own].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
    },
    assembly: findAssembly,
  };
  return catalog;
}
