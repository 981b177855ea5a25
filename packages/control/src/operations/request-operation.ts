// Asking for a lifecycle operation: checked now (so a bad request fails in the caller's face,
// not later in a log), written to Postgres as `queued`, then handed to the queue.
//
// Several operations of one VDC may be queued at once; the worker runs them one at a time, in
// the order they were requested (see claim.ts). Queueing beats refusing: `apply` right after
// `apply` should just work, and the second deploy sees the first one's result.
import { getPrisma, type OperationKind, type Prisma } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import type { Manifest } from '@colo/manifest';
import type { Vdc } from '@colo/db';
import { checkManifest, ownerOfVdc } from '../manifests/manifest-input';
import { findOwnedVdc, findRevision, vdcIdInTeam } from '../vdcs/find-vdc';
import { chooseClonePorts, renamedManifest } from '../snapshots/clone-manifest';
import { findSnapshot } from '../snapshots/read-snapshots';
import { refuseDroppingEntryTerminals, refuseWhileEntries } from '../entries/entry-guards';
import { cloneSourceRevision } from './runners/clone';
import { operationView, type OperationView } from './operation-views';
import { enqueueOperation } from './queue';

const snapshotNumber = z.number().int().positive();
const applianceName = z.string().regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, 'must be an appliance name');

export const operationParamsSchemas = {
  deploy: z.object({ revision: z.number().int().positive().optional() }).strict(),
  stop: z.object({ appliance: applianceName.optional() }).strict(),
  start: z.object({ appliance: applianceName.optional() }).strict(),
  destroy: z.object({ purge: z.boolean().default(false) }).strict(),
  snapshot: z.object({ note: z.string().max(500, 'must be at most 500 characters').optional() }).strict(),
  snapshot_delete: z.object({ snapshot: snapshotNumber }).strict(),
  restore: z.object({ snapshot: snapshotNumber }).strict(),
  clone: z
    .object({
      name: z.string().min(1, 'is required'),
      snapshot: snapshotNumber.optional(),
      ports: z.record(z.string().regex(/^\d+$/, 'keys must be port numbers'), z.number().int().min(1).max(65535)).optional(),
    })
    .strict(),
  // A stateful appliance (none: the whole VDC) to another swarm node (runners/move.ts). No node:
  // Colo picks a ready one. No snapshot: a live copy while its node answers, else the newest snapshot.
  move: z
    .object({
      appliance: applianceName.optional(),
      node: z.string().min(1, 'must name a node').max(253, 'must be at most 253 characters').regex(/^[A-Za-z0-9._-]+$/, 'must be a node hostname or id').optional(),
      snapshot: snapshotNumber.optional(),
    })
    .strict(),
} as const;

/** The operations asked of a VDC by name; entries ask for theirs in entries/request-entry.ts. */
export type VdcOperationKind = keyof typeof operationParamsSchemas;

export type OperationParams = {
  deploy: { revision?: number };
  stop: { appliance?: string };
  start: { appliance?: string };
  destroy: { purge?: boolean };
  snapshot: { note?: string };
  snapshot_delete: { snapshot: number };
  restore: { snapshot: number };
  clone: { name: string; snapshot?: number; ports?: Record<string, number> };
  move: { appliance?: string; node?: string; snapshot?: number };
};

export async function requestOperation<K extends VdcOperationKind>(
  user: AuthUser,
  vdcName: string,
  kind: K,
  params: OperationParams[K] = {} as OperationParams[K],
): Promise<OperationView> {
  return queueOperation(await checkOperation(user, vdcName, kind, params));
}

/**
 * Every check `requestOperation` makes, and the row it would write; nothing is written. A caller
 * that must write the operation in its own transaction (a schedule firing) writes this row there
 * and calls `enqueueWritten` once that committed. `internal` params are added after the check:
 * what only Colo itself may ask for (the schedule a snapshot belongs to).
 */
export async function checkOperation<K extends VdcOperationKind>(
  user: AuthUser,
  vdcName: string,
  kind: K,
  params: OperationParams[K] = {} as OperationParams[K],
  internal: Record<string, unknown> = {},
): Promise<Prisma.OperationUncheckedCreateInput> {
  const asked = parseInput(operationParamsSchemas[kind], params);
  const vdc = await findOwnedVdc(user, vdcName);
  let stored = asked as Record<string, unknown>;
  let revisionId: string | null = null;

  if (kind === 'deploy') {
    const revision = await findRevision(vdc, (asked as { revision?: number }).revision);
    // Same rules as the worker will apply, so a manifest that cannot deploy is refused here.
    await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
    await refuseDroppingEntryTerminals(vdc, revision.manifest);
    revisionId = revision.id;
    stored = { revision: revision.number };
  } else if (kind === 'snapshot_delete') {
    await findSnapshot(vdc, (asked as { snapshot: number }).snapshot, { anyStatus: true });
  } else if (kind === 'restore') {
    const snapshot = await findSnapshot(vdc, (asked as { snapshot: number }).snapshot);
    await checkManifest(ownerOfVdc(vdc), { ...(snapshot.revision.manifest as Record<string, unknown>), name: vdc.name }, { mode: 'deploy', exceptVdcId: vdc.id });
    await refuseDroppingEntryTerminals(vdc, snapshot.revision.manifest);
  } else if (kind === 'destroy') {
    await refuseWhileEntries(vdc, 'destroy');
  } else if (kind === 'clone') {
    stored = await cloneParams(user, vdc, asked as OperationParams['clone']);
  } else if (kind === 'stop' || kind === 'start' || kind === 'move') {
    const appliance = (asked as { appliance?: string }).appliance;
    if (appliance !== undefined) {
      const latest = await findRevision(vdc);
      const names = ((latest.manifest as { appliances?: { name?: string }[] }).appliances ?? []).map((a) => a.name);
      if (!names.includes(appliance)) throw new ColoError('not_found', `VDC "${vdc.name}" has no appliance "${appliance}"`);
    }
    const snapshot = (asked as { snapshot?: number }).snapshot;
    if (kind === 'move' && snapshot !== undefined) await findSnapshot(vdc, snapshot);
  }

  return { id: newId('op'), vdcId: vdc.id, kind, params: { ...stored, ...internal } as Prisma.InputJsonValue, revisionId, requestedById: user.id };
}

/**
 * Writes the operation as `queued` and hands it to the queue. A caller that must write it inside
 * its own transaction creates the row there and calls `enqueueWritten` once that committed.
 */
export async function queueOperation(data: Prisma.OperationUncheckedCreateInput): Promise<OperationView> {
  const op = await getPrisma().operation.create({ data, include: OPERATION_VIEW_INCLUDE });
  await enqueueWritten(op.id);
  return operationView(op);
}

export const OPERATION_VIEW_INCLUDE = { steps: true, vdc: { select: { name: true } }, revision: { select: { number: true } } } as const;

/** Hands a committed, queued operation to the queue; if Redis is down the operation fails, visibly. */
export async function enqueueWritten(operationId: string): Promise<void> {
  try {
    await enqueueOperation(operationId);
  } catch (cause) {
    await getPrisma().operation.update({
      where: { id: operationId },
      data: { status: 'failed', error: 'the operation queue (Redis) is unavailable', errorCode: 'internal', finishedAt: new Date() },
    });
    throw new ColoError('internal', 'the operation queue (Redis) is unavailable; nothing was changed', { cause });
  }
}

/**
 * A clone is checked whole when asked for (name free, snapshot ready, its manifest deployable
 * under the new name and ports, the owner's quota), and its new VDC's ids and ports are fixed
 * now, so every attempt of the run makes the very same VDC.
 */
async function cloneParams(user: AuthUser, vdc: Vdc, asked: OperationParams['clone']): Promise<Record<string, unknown>> {
  // The clone goes to the source's team.
  if (await vdcIdInTeam(vdc.teamId, asked.name)) throw new ColoError('name_taken', `a VDC named "${asked.name}" exists in its team: choose another name for the clone`);
  const revision = await cloneSourceRevision(vdc, asked.snapshot);
  const source = revision.manifest as unknown as Manifest;
  const ports = await chooseClonePorts(vdc.teamId, source, asked.ports);
  await checkManifest({ userId: user.id, teamId: vdc.teamId }, renamedManifest(source, asked.name, ports), { mode: 'deploy' });
  return { name: asked.name, ...(asked.snapshot !== undefined ? { snapshot: asked.snapshot } : {}), vdcId: newId('vdc'), revisionId: newId('rev'), ports };
}
