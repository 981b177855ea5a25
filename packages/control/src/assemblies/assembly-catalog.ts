// The catalog one user validates against: the stock and committed classes, and every assembly
// version they may place. An assembly that is no longer shared with them stays usable by the
// VDCs that already use it (their revisions name its version), so unsharing breaks nobody's site.
import { getPrisma } from '@colo/db';
import { type AssemblyDefinition, type Catalog, type Issue, withAssemblies } from '@colo/manifest';
import { getCatalog } from '../catalog';
import { definitionsByRef, splitAssemblyRef, visibleDefinitions, withNested } from './assembly-store';

export interface UserCatalog {
  catalog: Catalog;
  /** Assemblies the manifest names that exist but are not the user's to place. */
  issues: Issue[];
  /** Every assembly version in `catalog` (the visible ones and what they are made of). */
  assemblies: AssemblyDefinition[];
}

function applianceClasses(value: unknown): { index: number; ref: string }[] {
  const appliances = (value as { appliances?: unknown } | undefined)?.appliances;
  if (!Array.isArray(appliances)) return [];
  return appliances.flatMap((a, index) =>
    typeof a === 'object' && a !== null && typeof (a as { class?: unknown }).class === 'string'
      ? [{ index, ref: (a as { class: string }).class }]
      : [],
  );
}

/** Whether a VDC of one of `userId`'s teams names `ref` in any revision: then it stays theirs to use. */
async function usedBefore(userId: string, ref: string): Promise<boolean> {
  const rows = await getPrisma().$queryRaw<unknown[]>`
    SELECT 1 FROM "Revision" r JOIN "Vdc" v ON v."id" = r."vdcId"
    WHERE v."teamId" IN (SELECT m."teamId" FROM "TeamMember" m WHERE m."userId" = ${userId}) AND r."manifest"->'appliances' @> ${JSON.stringify([{ class: ref }])}::jsonb
    LIMIT 1`;
  return rows.length > 0;
}

/** `value` is the manifest about to be checked (or nothing, for the palette). */
export async function catalogFor(userId: string, value?: unknown): Promise<UserCatalog> {
  const base = await getCatalog();
  const isClass = (id: string) => base.get(id) !== undefined;
  const visible = await visibleDefinitions(userId);
  const have = new Set(visible.map((d) => `${d.id}@${d.version}`));
  const issues: Issue[] = [];
  const extra: AssemblyDefinition[] = [];
  for (const { index, ref } of applianceClasses(value)) {
    const { id, version } = splitAssemblyRef(ref);
    if (version === undefined || !Number.isInteger(version) || isClass(id) || have.has(ref)) continue;
    const [def] = await definitionsByRef([{ id, version }]);
    if (!def) continue; // the validator says "unknown class" with its suggestions
    if (await usedBefore(userId, ref)) {
      extra.push(def);
      have.add(ref);
    } else {
      issues.push({ path: `appliances[${index}].class`, message: `assembly "${ref}" is not shared with you`, severity: 'error' });
    }
  }
  const defs = await withNested([...visible, ...extra], isClass);
  return { catalog: withAssemblies(base, defs), issues, assemblies: defs };
}

/** The assembly versions a stored, already checked manifest places, and those they contain. */
export async function assembliesForStored(value: unknown): Promise<AssemblyDefinition[]> {
  const base = await getCatalog();
  const isClass = (id: string) => base.get(id) !== undefined;
  const refs = applianceClasses(value)
    .map(({ ref }) => splitAssemblyRef(ref))
    .filter((r): r is { id: string; version: number } => r.version !== undefined && Number.isInteger(r.version) && !isClass(r.id));
  if (refs.length === 0) return [];
  return withNested(await definitionsByRef(refs), isClass);
}

/** The catalog that resolves a stored, already checked manifest: exactly the versions it names. */
export async function catalogForStored(value: unknown): Promise<Catalog> {
  const base = await getCatalog();
  const defs = await assembliesForStored(value);
  return defs.length === 0 ? base : withAssemblies(base, defs);
}
