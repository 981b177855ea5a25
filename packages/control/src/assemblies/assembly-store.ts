// Assemblies in Postgres: who may see which, and their versions' definitions. A definition is
// stored validated and pinned, so loading one never needs the catalog of the day it was saved.
import { getPrisma, type Prisma } from '@colo/db';
import { type AssemblyDefinition, assemblyDefinitionSchema } from '@colo/manifest';

/** Assemblies `userId` may place: their teams', shared with them, published; never deleted ones. */
export function visibleTo(userId: string): Prisma.AssemblyWhereInput {
  return {
    deletedAt: null,
    OR: [{ team: { members: { some: { userId } } } }, { visibility: 'published' }, { visibility: 'shared', shares: { some: { userId } } }],
  };
}

export function definitionOf(row: { definition: unknown }): AssemblyDefinition {
  return assemblyDefinitionSchema.parse(row.definition);
}

/** `id@version` → id and version; `id` alone → the id and undefined. */
export function splitAssemblyRef(ref: string): { id: string; version?: number } {
  const at = ref.indexOf('@');
  return at === -1 ? { id: ref } : { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

/** Every version of every assembly `userId` may see. */
export async function visibleDefinitions(userId: string): Promise<AssemblyDefinition[]> {
  const rows = await getPrisma().assemblyVersion.findMany({
    where: { assembly: visibleTo(userId) },
    select: { definition: true },
  });
  return rows.map(definitionOf);
}

/**
 * The assemblies inside `defs` (nested, pinned at save), loaded whoever can see them now: access
 * to an assembly is decided where it is placed, and includes what it is made of.
 */
export async function withNested(defs: AssemblyDefinition[], isClass: (id: string) => boolean): Promise<AssemblyDefinition[]> {
  const have = new Map(defs.map((d) => [`${d.id}@${d.version}`, d]));
  let wanted = nestedRefs(defs, have, isClass);
  for (let round = 0; wanted.length > 0 && round < 8; round++) {
    const rows = await getPrisma().assemblyVersion.findMany({
      where: { OR: wanted.map((ref) => ({ assemblyId: ref.id, version: ref.version })) },
      select: { definition: true },
    });
    const found = rows.map(definitionOf);
    for (const d of found) have.set(`${d.id}@${d.version}`, d);
    wanted = nestedRefs(found, have, isClass);
  }
  return [...have.values()];
}

function nestedRefs(defs: AssemblyDefinition[], have: Map<string, AssemblyDefinition>, isClass: (id: string) => boolean) {
  const refs = new Map<string, { id: string; version: number }>();
  for (const def of defs) {
    for (const appliance of def.appliances) {
      const { id, version } = splitAssemblyRef(appliance.class);
      if (version === undefined || isClass(id) || have.has(appliance.class)) continue;
      refs.set(appliance.class, { id, version });
    }
  }
  return [...refs.values()];
}

/** Versions named by `refs` (pinned) that exist, whoever owns them; unpinned refs are skipped. */
export async function definitionsByRef(refs: { id: string; version: number }[]): Promise<AssemblyDefinition[]> {
  if (refs.length === 0) return [];
  const rows = await getPrisma().assemblyVersion.findMany({
    where: { OR: refs.map((ref) => ({ assemblyId: ref.id, version: ref.version })) },
    select: { definition: true },
  });
  return rows.map(definitionOf);
}
