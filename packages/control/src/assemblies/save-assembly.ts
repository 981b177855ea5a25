// Saving an assembly: a new one at version 1 (in the team asked for, else the saver's personal
// team), or the next version of one of the saver's teams (operators and admins). What is
// stored is validated against the catalog the saver sees, with every class and assembly it uses
// pinned (`web-php` → `web-php@1`), so a version means the same thing for as long as it exists.
import { getPrisma, Prisma } from '@colo/db';
import { type AssemblyDefinition, formatIssue, validateAssembly } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getLoadedCatalog } from '../catalog';
import { ColoError } from '../errors';
import { targetTeam } from '../teams/team-access';
import { catalogFor } from './assembly-catalog';
import { assemblyMembership, mayChangeAssembly } from './assembly-team';

export interface SavedAssembly {
  id: string;
  version: number;
  definition: AssemblyDefinition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidAssembly(issues: ReturnType<typeof validateAssembly>['errors']): ColoError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ColoError('invalid_manifest', `invalid assembly: ${formatIssue(issues[0])}${more}`, { issues });
}

/** Why `id` cannot name a user's assembly, or undefined when it can. */
async function idProblem(id: string): Promise<string | undefined> {
  // `/api/v1/assemblies/import` is a route of its own.
  if (id === 'import') return '"import" is reserved; choose another id';
  const { catalog, assemblies } = await getLoadedCatalog();
  if (catalog.get(id)) return `"${id}" is the id of a class in the catalog; choose another id`;
  if (assemblies.some((a) => a.id === id)) return `"${id}" is the id of a stock assembly; choose another id`;
  return undefined;
}

/** `input` is the definition (YAML parsed or JSON); its `version` is ignored: the next one is used. */
export async function saveAssembly(user: AuthUser, input: unknown, note = '', teamSlug?: string): Promise<SavedAssembly> {
  if (!isRecord(input)) throw new ColoError('bad_request', 'body: an assembly definition object is required');
  const id = typeof input.id === 'string' ? input.id : '';
  const taken = id ? await idProblem(id) : undefined;
  if (taken) throw new ColoError('name_taken', taken);
  const prisma = getPrisma();
  const existing = id ? await prisma.assembly.findUnique({ where: { id } }) : null;
  if (existing && !(await mayChangeAssembly(user, existing, 'deploy'))) {
    throw (await assemblyMembership(user, existing))
      ? new ColoError('forbidden', `saving a version of assembly "${id}" needs an operator or admin of its team`)
      : new ColoError('name_taken', `the assembly id "${id}" belongs to another team; choose another id`);
  }
  const team = existing ? undefined : await targetTeam(user, teamSlug);
  const version = (existing?.latestVersion ?? 0) + 1;
  const candidate = { apiVersion: 'colo/v1', kind: 'Assembly', ...input, version };
  const { catalog } = await catalogFor(user.id);
  const result = validateAssembly(candidate, catalog);
  if (!result.ok) throw invalidAssembly(result.errors);
  const definition: AssemblyDefinition = {
    ...result.definition,
    appliances: result.definition.appliances.map((a) => {
      if (a.class.includes('@')) return a;
      const cls = catalog.get(a.class)!;
      return { ...a, class: `${cls.id}@${cls.version}` };
    }),
  };
  const meta = { title: definition.title, description: definition.description, icon: definition.icon };
  try {
    await prisma.$transaction(async (tx) => {
      if (existing) {
        // Optimistic: another save of the same assembly in between makes this one fail cleanly.
        const moved = await tx.assembly.updateMany({
          where: { id, teamId: existing.teamId, latestVersion: existing.latestVersion },
          data: { ...meta, latestVersion: version, deletedAt: null },
        });
        if (moved.count !== 1) throw new ColoError('stale_revision', `assembly "${id}" changed while saving; save again`);
      } else {
        await tx.assembly.create({ data: { id, ownerId: user.id, teamId: (team as { teamId: string }).teamId, ...meta, latestVersion: version } });
      }
      await tx.assemblyVersion.create({
        data: { assemblyId: id, version, definition: definition as unknown as Prisma.InputJsonValue, note: note.slice(0, 500) },
      });
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new ColoError('name_taken', `the assembly id "${id}" was just taken; choose another id or save again`);
    }
    throw err;
  }
  return { id, version, definition };
}
