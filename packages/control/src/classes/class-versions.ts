// A class's versions as people see them (`GET /classes/:id`, `colo class versions`): stock and
// committed, which one followers use (the head), who uses each, and the open prototype.
import { getPrisma } from '@colo/db';
import { findPrototype } from '@colo/engine';
import type { ApplianceClass } from '@colo/manifest';
import { classImage } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { userRole } from '../auth/roles';
import { getLoadedCatalog } from '../catalog';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { membershipsOf } from '../teams/team-access';
import { classUsage, type VersionUse } from './class-usage';

export interface ClassVersionView {
  version: number;
  /** `stock`: from templates/; `committed`: made from a prototype on this Colo. */
  source: 'stock' | 'committed';
  image: string;
  /** Followers (appliances naming the class without `@N`) run this one. */
  head: boolean;
  note: string;
  createdBy: string;
  createdAt: string | null;
  baseVersion: number | null;
  /** VDCs using it; another user's VDCs are counted, not named, unless the caller is an admin. */
  usedBy: { vdc: string; appliances: string[]; containers: number; pinned: boolean }[];
  usedByOthers: number;
}

export interface ClassView {
  id: string;
  title: string;
  head: number;
  versions: ClassVersionView[];
  prototype: { version: number; online: boolean; running: boolean } | null;
}

/** Every version of the class, oldest first, and its head (what the catalog gives for the bare id). */
export async function classVersionsOf(classId: string): Promise<{ versions: ApplianceClass[]; head: ApplianceClass }> {
  const { catalog } = await getLoadedCatalog();
  const versions = catalog.list().filter((c) => c.id === classId);
  if (versions.length === 0) throw new ColoError('not_found', `the catalog has no class "${classId}"`);
  return { versions, head: catalog.get(classId)! };
}

export async function classView(user: AuthUser, classId: string): Promise<ClassView> {
  const { versions, head } = await classVersionsOf(classId);
  const { instance, imageNamespace } = engineConfig();
  const [rows, usage, proto, role] = await Promise.all([
    getPrisma().classVersion.findMany({ where: { classId } }),
    classUsage(classId, versions),
    findPrototype(getRuntime(), instance, classId),
    userRole(user.id),
  ]);
  const myTeams = new Set((await membershipsOf(user.id)).map((m) => m.teamId));
  const committed = new Map(rows.map((r) => [r.version, r]));
  const visible = (u: VersionUse) => role === 'admin' || myTeams.has(u.teamId);
  return {
    id: classId,
    title: head.title,
    head: head.version,
    versions: versions
      .map((v) => {
        const row = committed.get(v.version);
        const uses = usage.get(v.version) ?? [];
        return {
          version: v.version,
          source: row ? ('committed' as const) : ('stock' as const),
          image: classImage(v, imageNamespace),
          head: v.version === head.version,
          note: row?.note ?? '',
          createdBy: row?.createdBy ?? '',
          createdAt: row?.createdAt.toISOString() ?? null,
          baseVersion: row?.baseVersion ?? null,
          usedBy: uses.filter(visible).map(({ vdc, appliances, containers, pinned }) => ({ vdc, appliances, containers, pinned })),
          usedByOthers: uses.filter((u) => !visible(u)).length,
        };
      })
      .reverse(),
    prototype: proto ? { version: proto.version, online: proto.online, running: proto.running } : null,
  };
}

/** Every class with its head version and how many versions it has (`GET /classes`). */
export async function listClasses(): Promise<{ id: string; title: string; head: number; versions: number[] }[]> {
  const { catalog } = await getLoadedCatalog();
  const byId = new Map<string, number[]>();
  for (const c of catalog.list()) byId.set(c.id, [...(byId.get(c.id) ?? []), c.version]);
  return [...byId].map(([id, versions]) => {
    const head = catalog.get(id)!;
    return { id, title: head.title, head: head.version, versions };
  });
}
