// Assembly versions an imported bundle brings, added to this Colo as the importer's own (private)
// before the VDC that places them is created, with a way back if that creation fails. An id that
// is someone else's here, a class's or a stock assembly's is refused: nothing is added.
import { canonicalJson } from '@colo/bundle';
import { getPrisma, Prisma } from '@colo/db';
import type { AssemblyDefinition } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getLoadedCatalog } from '../catalog';
import { targetTeam } from '../teams/team-access';
import { mayChangeAssembly } from './assembly-team';
import { ColoError } from '../errors';

export interface Adopted {
  /** `id@version` of each version added. */
  added: string[];
  /** Removes what was added (the versions, and assemblies made for them). */
  undo(): Promise<void>;
}

export async function adoptAssemblies(user: AuthUser, defs: readonly AssemblyDefinition[]): Promise<Adopted> {
  if (defs.length === 0) return { added: [], undo: async () => {} };
  const { catalog, assemblies: stock } = await getLoadedCatalog();
  const ids = [...new Set(defs.map((d) => d.id))];
  const reasons: string[] = [];
  for (const id of ids) {
    if (catalog.get(id)) reasons.push(`assembly "${id}": a class has that id on this Colo`);
    if (stock.some((a) => a.id === id)) reasons.push(`assembly "${id}": a stock assembly has that id on this Colo`);
  }
  const prisma = getPrisma();
  const rows = await prisma.assembly.findMany({ where: { id: { in: ids } } });
  for (const row of rows) {
    if (!(await mayChangeAssembly(user, row, 'deploy'))) reasons.push(`assembly "${row.id}" belongs to another team on this Colo; it cannot be imported under that id`);
  }
  const team = await targetTeam(user);
  if (reasons.length > 0) {
    throw new ColoError('bad_request', `the bundle was refused, nothing was created: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`, {
      issues: reasons.map((message) => ({ path: '', message, severity: 'error' as const })),
    });
  }
  const created = ids.filter((id) => !rows.some((r) => r.id === id));
  // Versions kept by an assembly of the importer's that was deleted: the same definition brings it
  // back; another one under that version number is refused.
  const kept = await prisma.assemblyVersion.findMany({
    where: { OR: defs.map((d) => ({ assemblyId: d.id, version: d.version })) },
    select: { assemblyId: true, version: true, definition: true },
  });
  const fresh = defs.filter((d) => {
    const row = kept.find((k) => k.assemblyId === d.id && k.version === d.version);
    if (row && canonicalJson(row.definition) !== canonicalJson(d)) {
      reasons.push(`assembly ${d.id}@${d.version} exists on this Colo with a different definition`);
    }
    return !row;
  });
  if (reasons.length > 0) {
    throw new ColoError('bad_request', `the bundle was refused, nothing was created: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`, {
      issues: reasons.map((message) => ({ path: '', message, severity: 'error' as const })),
    });
  }
  try {
    await prisma.$transaction(async (tx) => {
      for (const id of ids) {
        const versions = fresh.filter((d) => d.id === id).sort((a, b) => a.version - b.version);
        const newest = defs.filter((d) => d.id === id).sort((a, b) => a.version - b.version).at(-1)!;
        const meta = { title: newest.title, description: newest.description, icon: newest.icon };
        const row = rows.find((r) => r.id === id);
        if (!row) await tx.assembly.create({ data: { id, ownerId: user.id, teamId: team.teamId, ...meta, latestVersion: newest.version } });
        else {
          const latest = Math.max(newest.version, row.latestVersion);
          await tx.assembly.update({ where: { id }, data: { ...(latest > row.latestVersion ? meta : {}), latestVersion: latest, deletedAt: null } });
        }
        for (const def of versions) {
          await tx.assemblyVersion.create({
            data: { assemblyId: id, version: def.version, definition: def as unknown as Prisma.InputJsonValue, note: 'imported from a bundle' },
          });
        }
      }
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new ColoError('bad_request', 'the bundle was refused, nothing was created: one of its assembly versions exists here (deleted or changed meanwhile); import again');
    }
    throw err;
  }
  const added = fresh.map((d) => `${d.id}@${d.version}`);
  return {
    added,
    async undo() {
      await prisma.$transaction([
        ...fresh.map((d) => prisma.assemblyVersion.deleteMany({ where: { assemblyId: d.id, version: d.version } })),
        prisma.assembly.deleteMany({ where: { id: { in: created } } }),
      ]);
      for (const row of rows) await prisma.assembly.update({ where: { id: row.id }, data: { latestVersion: row.latestVersion, deletedAt: row.deletedAt } });
    },
  };
}
