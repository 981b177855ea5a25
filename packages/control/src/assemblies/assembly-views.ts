// Reading assemblies: the ones a user may place (their teams', shared with them, published), each
// with its versions and which of the user's VDCs use which version. Who else an assembly is
// shared with is its team's business only.
import { getPrisma } from '@colo/db';
import type { AssemblyDefinition } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { definitionOf, splitAssemblyRef, visibleTo } from './assembly-store';

export interface AssemblyUseView {
  vdc: string;
  version: number;
  appliances: string[];
}

export interface AssemblyView {
  id: string;
  title: string;
  description: string;
  icon: string;
  /** The newest version. */
  version: number;
  visibility: 'private' | 'shared' | 'published';
  owner: { id: string; name: string; email: string };
  /** The caller is in its team (operators save versions; admins share and delete: `team.role`). */
  mine: boolean;
  /** The team that owns it, and the caller's role there when they are a member. */
  team: { slug: string; name: string; personal: boolean; role: 'viewer' | 'operator' | 'admin' | null };
  versions: { version: number; note: string; createdAt: Date }[];
  /** Its team's members only: the users it is shared with. */
  sharedWith?: { id: string; name: string; email: string }[];
  /** The caller's VDCs whose newest revision places it, per version. */
  usedBy: AssemblyUseView[];
  /** The newest version's definition: what the palette places and "open" shows. */
  definition: AssemblyDefinition;
  createdAt: Date;
  updatedAt: Date;
}

const include = {
  owner: { select: { id: true, name: true, email: true } },
  team: { select: { slug: true, name: true, personal: true, members: { select: { userId: true, role: true } } } },
  versions: { orderBy: { version: 'desc' as const } },
  shares: { include: { user: { select: { id: true, name: true, email: true } } } },
};

/** Top-level appliances of the live VDCs of the caller's teams (newest revision), by class ref. */
async function usesByRef(userId: string): Promise<Map<string, { vdc: string; appliance: string }[]>> {
  const rows = await getPrisma().$queryRaw<{ name: string; manifest: unknown }[]>`
    SELECT v."name", r."manifest" FROM "Vdc" v
    JOIN "Revision" r ON r."vdcId" = v."id" AND r."number" = v."latestRevision"
    WHERE v."teamId" IN (SELECT m."teamId" FROM "TeamMember" m WHERE m."userId" = ${userId}) AND v."state" <> 'destroyed'`;
  const byRef = new Map<string, { vdc: string; appliance: string }[]>();
  for (const row of rows) {
    const appliances = (row.manifest as { appliances?: { name?: unknown; class?: unknown }[] }).appliances ?? [];
    for (const a of appliances) {
      if (typeof a.class !== 'string' || typeof a.name !== 'string') continue;
      byRef.set(a.class, [...(byRef.get(a.class) ?? []), { vdc: row.name, appliance: a.name }]);
    }
  }
  return byRef;
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(where: Parameters<ReturnType<typeof getPrisma>['assembly']['findFirst']>[0]) {
  return getPrisma().assembly.findFirst({ ...where, include });
}

function view(row: Row, user: AuthUser, uses: Map<string, { vdc: string; appliance: string }[]>): AssemblyView {
  const role = row.team.members.find((m) => m.userId === user.id)?.role ?? null;
  const mine = role !== null;
  const usedBy = new Map<string, AssemblyUseView>();
  for (const [ref, list] of uses) {
    const { id, version } = splitAssemblyRef(ref);
    if (id !== row.id || version === undefined) continue;
    for (const use of list) {
      const key = `${use.vdc}@${version}`;
      const entry = usedBy.get(key) ?? { vdc: use.vdc, version, appliances: [] };
      entry.appliances.push(use.appliance);
      usedBy.set(key, entry);
    }
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    icon: row.icon,
    version: row.latestVersion,
    visibility: row.visibility,
    owner: row.owner,
    mine,
    team: { slug: row.team.slug, name: row.team.name, personal: row.team.personal, role },
    versions: row.versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt })),
    ...(mine ? { sharedWith: row.shares.map((s) => s.user) } : {}),
    usedBy: [...usedBy.values()],
    definition: definitionOf(row.versions[0]),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every assembly the caller may place, their own first, then by title. */
export async function listAssemblies(user: AuthUser): Promise<AssemblyView[]> {
  const [rows, uses] = await Promise.all([
    getPrisma().assembly.findMany({ where: { ...visibleTo(user.id), latestVersion: { gt: 0 } }, include }),
    usesByRef(user.id),
  ]);
  return rows
    .map((row) => view(row, user, uses))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

export function assemblyNotFound(id: string): ColoError {
  return new ColoError('not_found', `assembly "${id}" not found`);
}

/** One assembly the caller may see; another user's private one is simply not found. */
export async function getAssembly(user: AuthUser, id: string): Promise<AssemblyView> {
  const row = await findRow({ where: { id, ...visibleTo(user.id) } });
  if (!row || row.versions.length === 0) throw assemblyNotFound(id);
  return view(row, user, await usesByRef(user.id));
}

/** One version's definition, for whoever may see the assembly or already uses that version. */
export async function getAssemblyVersion(user: AuthUser, id: string, version: number): Promise<AssemblyDefinition> {
  const visible = await getPrisma().assembly.findFirst({ where: { id, ...visibleTo(user.id) }, select: { id: true } });
  if (!visible) {
    const uses = await usesByRef(user.id);
    if (!uses.has(`${id}@${version}`)) throw assemblyNotFound(id);
  }
  const row = await getPrisma().assemblyVersion.findUnique({ where: { assemblyId_version: { assemblyId: id, version } } });
  if (!row) throw new ColoError('not_found', `assembly "${id}" has no version ${version}`);
  return definitionOf(row);
}
