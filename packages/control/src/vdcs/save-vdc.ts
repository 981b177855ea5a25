// Saving manifests: a new VDC with revision 1, or a new revision of an existing one. Revisions
// are immutable; a save names the revision it was based on and loses to any save in between.
import { getPrisma, Prisma } from '@colo/db';
import type { Issue, Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { dockerKeyFor, newId } from '../ids';
import { manifestDigest } from '../manifests/digest';
import { checkDraft, checkManifest, ownerOfVdc } from '../manifests/manifest-input';
import { targetTeam } from '../teams/team-access';
import { findOwnedVdc, vdcIdInTeam } from './find-vdc';
import { type RevisionSummary, revisionSummary, type VdcView, vdcView } from './vdc-views';

export interface SavedVdc {
  vdc: VdcView;
  revision: RevisionSummary;
  changed: boolean;
  warnings: Issue[];
  /** A draft save's errors (`draft: true`): kept, but not deployable until fixed. */
  problems?: Issue[];
}

function nameTaken(name: string, team: string): ColoError {
  return new ColoError('name_taken', `team "${team}" has a VDC named "${name}": change it with PUT /vdcs/${name} (colo apply does)`);
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

export interface CreateVdcOptions {
  /** The slug of the team to own it (the caller must be an operator there); else their personal team. */
  team?: string;
}

export async function createVdc(user: AuthUser, source: unknown, options: CreateVdcOptions = {}): Promise<SavedVdc> {
  const team = await targetTeam(user, options.team);
  const { manifest, warnings } = await checkManifest({ userId: user.id, teamId: team.teamId }, source, {
    mode: 'edit',
    findOwnVdc: (name) => vdcIdInTeam(team.teamId, name),
  });
  const prisma = getPrisma();
  const id = newId('vdc');
  try {
    const [vdc, revision] = await prisma.$transaction([
      prisma.vdc.create({
        data: { id, ownerId: user.id, teamId: team.teamId, name: manifest.name, dockerKey: dockerKeyFor(manifest.name, id), latestRevision: 1 },
      }),
      prisma.revision.create({
        data: {
          id: newId('rev'),
          vdcId: id,
          number: 1,
          manifest: manifest as Prisma.InputJsonValue,
          digest: manifestDigest(manifest),
          authorId: user.id,
        },
      }),
    ]);
    return { vdc: vdcView(vdc), revision: revisionSummary(revision), changed: true, warnings };
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(manifest.name, team.slug);
    throw err;
  }
}

export interface UpdateVdcOptions {
  /** Keep the revision even with problems (the editor's Save): a draft, refused by deploy. */
  draft?: boolean;
}

export async function updateVdc(user: AuthUser, name: string, source: unknown, baseRevision: number, options: UpdateVdcOptions = {}): Promise<SavedVdc> {
  const current = await findOwnedVdc(user, name);
  // Cheap check first: a stale editor should hear so even if its manifest is also invalid.
  if (current.latestRevision !== baseRevision) throw staleRevision(name, baseRevision, current.latestRevision);
  const checking = { mode: 'edit' as const, exceptVdcId: current.id };
  const { manifest, warnings, problems } = options.draft
    ? await checkDraft(ownerOfVdc(current), source, checking)
    : { ...(await checkManifest(ownerOfVdc(current), source, checking)), problems: undefined };
  const saved = await saveRevision(user, current, name, manifest, baseRevision, warnings);
  return problems && problems.length > 0 ? { ...saved, problems } : saved;
}

async function saveRevision(
  user: AuthUser,
  current: Awaited<ReturnType<typeof findOwnedVdc>>,
  name: string,
  manifest: Manifest,
  baseRevision: number,
  warnings: Issue[],
): Promise<SavedVdc> {
  if (manifest.name !== current.name) {
    throw new ColoError('bad_request', `the manifest is named "${manifest.name}" but the VDC is "${current.name}": rename the VDC instead (PATCH /vdcs/${current.name})`);
  }
  const digest = manifestDigest(manifest);
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const latest = await tx.revision.findUniqueOrThrow({
      where: { vdcId_number: { vdcId: current.id, number: baseRevision } },
    });
    if (latest.digest === digest) {
      const vdc = await tx.vdc.findUniqueOrThrow({ where: { id: current.id } });
      if (vdc.latestRevision !== baseRevision) throw staleRevision(name, baseRevision, vdc.latestRevision);
      return { vdc: vdcView(vdc), revision: revisionSummary(latest), changed: false, warnings };
    }
    // The compare-and-set: only one of two racing saves moves latestRevision on from base.
    const { count } = await tx.vdc.updateMany({
      where: { id: current.id, latestRevision: baseRevision },
      data: { latestRevision: baseRevision + 1 },
    });
    if (count === 0) {
      const now = await tx.vdc.findUnique({ where: { id: current.id } });
      if (!now) throw new ColoError('not_found', `VDC "${name}" not found`);
      throw staleRevision(name, baseRevision, now.latestRevision);
    }
    const revision = await tx.revision.create({
      data: {
        id: newId('rev'),
        vdcId: current.id,
        number: baseRevision + 1,
        manifest: manifest as Prisma.InputJsonValue,
        digest,
        authorId: user.id,
      },
    });
    const vdc = await tx.vdc.findUniqueOrThrow({ where: { id: current.id } });
    return { vdc: vdcView(vdc), revision: revisionSummary(revision), changed: true, warnings };
  });
}

function staleRevision(name: string, base: number, current: number): ColoError {
  return new ColoError(
    'stale_revision',
    `VDC "${name}" is at revision ${current}, not ${base}: someone saved in between; reload and apply your change again`,
    { currentRevision: current },
  );
}
