// Asking for a lifecycle operation: checked now (so a bad request fails in the caller's face,
// not later in a log), written to Postgres as `queued`, then handed to the queue.
//
// Several operations of one VDC may be queued at once; the worker runs them one at a time, in
// the order they were requested (see claim.ts). Queueing beats refusing: `apply` right after
// `apply` should just work, and the second deploy sees the first one's result.
import { getPrisma, type OperationKind, type Prisma } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { checkManifest } from '../manifests/manifest-input';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import { operationView, type OperationView } from './operation-views';
import { enqueueOperation } from './queue';

const applianceName = z.string().regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, 'must be an appliance name');

export const operationParamsSchemas = {
  deploy: z.object({ revision: z.number().int().positive().optional() }).strict(),
  stop: z.object({ appliance: applianceName.optional() }).strict(),
  start: z.object({ appliance: applianceName.optional() }).strict(),
  destroy: z.object({ purge: z.boolean().default(false) }).strict(),
} as const;

export type OperationParams = {
  deploy: { revision?: number };
  stop: { appliance?: string };
  start: { appliance?: string };
  destroy: { purge?: boolean };
};

export async function requestOperation<K extends OperationKind>(
  user: AuthUser,
  vdcName: string,
  kind: K,
  params: OperationParams[K] = {} as OperationParams[K],
): Promise<OperationView> {
  const parsed = operationParamsSchemas[kind].safeParse(params ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ColoError('bad_request', `${first.path.join('.') || 'body'}: ${first.message}`);
  }
  const vdc = await findOwnedVdc(user, vdcName);
  let stored: Record<string, unknown> = parsed.data;
  let revisionId: string | null = null;

  if (kind === 'deploy') {
    const revision = await findRevision(vdc, (parsed.data as { revision?: number }).revision);
    // Same rules as the worker will apply, so a manifest that cannot deploy is refused here.
    await checkManifest(user.id, revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
    revisionId = revision.id;
    stored = { revision: revision.number };
  } else if (kind === 'stop' || kind === 'start') {
    const appliance = (parsed.data as { appliance?: string }).appliance;
    if (appliance !== undefined) {
      const latest = await findRevision(vdc);
      const names = ((latest.manifest as { appliances?: { name?: string }[] }).appliances ?? []).map((a) => a.name);
      if (!names.includes(appliance)) throw new ColoError('not_found', `VDC "${vdc.name}" has no appliance "${appliance}"`);
    }
  }

  const prisma = getPrisma();
  const op = await prisma.operation.create({
    data: {
      id: newId('op'),
      vdcId: vdc.id,
      kind,
      params: stored as Prisma.InputJsonValue,
      revisionId,
      requestedById: user.id,
    },
    include: { steps: true, vdc: { select: { name: true } }, revision: { select: { number: true } } },
  });
  try {
    await enqueueOperation(op.id);
  } catch (cause) {
    await prisma.operation.update({
      where: { id: op.id },
      data: { status: 'failed', error: 'the operation queue (Redis) is unavailable', errorCode: 'internal', finishedAt: new Date() },
    });
    throw new ColoError('internal', 'the operation queue (Redis) is unavailable; nothing was changed', { cause });
  }
  return operationView(op);
}
