// Renaming a VDC. The Docker side is untouched: containers, networks and volumes are named by
// the VDC's dockerKey (fixed at creation) and labelled by its id, so nothing running notices.
// The manifest carries the name too, so a rename is also a new revision naming the VDC anew.
import { getPrisma, Prisma } from '@colo/db';
import { dnsLabel } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { manifestDigest } from '../manifests/digest';
import { findOwnedVdc, findRevision } from './find-vdc';
import { type VdcView, vdcView } from './vdc-views';

function operationRunning(name: string): ColoError {
  // A running deploy renders `{{ vdc.name }}` into containers; renaming under it would mix names.
  return new ColoError('operation_running', `VDC "${name}" has an operation queued or running; rename it when that is done`);
}

export async function renameVdc(user: AuthUser, name: string, newName: string): Promise<VdcView> {
  const parsed = dnsLabel.safeParse(newName);
  if (!parsed.success) throw new ColoError('bad_request', `name: ${parsed.error.issues[0]?.message ?? 'not a DNS label'}`);
  const vdc = await findOwnedVdc(user, name);
  if (newName === name) return vdcView(vdc);
  const prisma = getPrisma();
  const open = await prisma.operation.count({ where: { vdcId: vdc.id, status: { in: ['queued', 'running'] } } });
  if (open > 0 || vdc.activeOperationId) throw operationRunning(name);

  const latest = await findRevision(vdc);
  const manifest = { ...(latest.manifest as Record<string, unknown>), name: newName };
  try {
    return await prisma.$transaction(async (tx) => {
      // Compare-and-set on the revision, like a save: an editor saving in between wins and the
      // rename is refused as stale rather than silently dropping that save.
      const { count } = await tx.vdc.updateMany({
        where: {
          id: vdc.id,
          latestRevision: vdc.latestRevision,
          activeOperationId: null,
          operations: { none: { status: { in: ['queued', 'running'] } } },
        },
        data: { name: newName, latestRevision: vdc.latestRevision + 1 },
      });
      if (count === 0) {
        const now = await tx.vdc.findUnique({ where: { id: vdc.id } });
        if (!now) throw new ColoError('not_found', `VDC "${name}" not found`);
        if (now.latestRevision === vdc.latestRevision) throw operationRunning(name);
        throw new ColoError('stale_revision', `VDC "${name}" was saved while renaming it; reload and try again`, {
          currentRevision: now.latestRevision,
        });
      }
      await tx.revision.create({
        data: {
          id: newId('rev'),
          vdcId: vdc.id,
          number: vdc.latestRevision + 1,
          manifest: manifest as Prisma.InputJsonValue,
          digest: manifestDigest(manifest),
          authorId: user.id,
        },
      });
      return vdcView(await tx.vdc.findUniqueOrThrow({ where: { id: vdc.id } }));
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new ColoError('name_taken', `you already have a VDC named "${newName}"`);
    }
    throw err;
  }
}
