// Reading operations and their logs, only by members of the VDC's team.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { type FailureContext, type LogLineView, logLineView, type OperationView, operationView } from './operation-views';

const LOG_PAGE = 1000;
const include = {
  steps: true,
  vdc: { select: { name: true, dockerKey: true, deployedRevisionId: true, team: { select: { members: { select: { userId: true } } } } } },
  // The manifest tells which appliance publishes a port a failed listener could not take.
  revision: { select: { number: true, manifest: true } },
} as const;

/** What a failure's explanation needs of its VDC: its Docker prefix and the last good revision. */
async function failureContext(vdc: { dockerKey: string; deployedRevisionId: string | null }): Promise<FailureContext> {
  const deployed = vdc.deployedRevisionId
    ? await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId }, select: { number: true } })
    : null;
  return { dockerKey: vdc.dockerKey, deployedRevision: deployed?.number ?? null };
}

export async function getOperation(
  user: AuthUser,
  operationId: string,
  logsAfter = 0,
): Promise<{ operation: OperationView; logs: LogLineView[] }> {
  const prisma = getPrisma();
  const op = await prisma.operation.findUnique({ where: { id: operationId }, include });
  if (!op || !op.vdc.team.members.some((m) => m.userId === user.id)) throw new ColoError('not_found', `operation ${operationId} not found`);
  const logs = await prisma.operationLog.findMany({
    where: { operationId, seq: { gt: BigInt(Math.max(0, Math.floor(logsAfter))) } },
    orderBy: { seq: 'asc' },
    take: LOG_PAGE,
  });
  return { operation: operationView(op, op.status === 'failed' ? await failureContext(op.vdc) : undefined), logs: logs.map(logLineView) };
}

export async function listOperations(user: AuthUser, vdcName: string, limit = 50): Promise<OperationView[]> {
  const vdc = await findOwnedVdc(user, vdcName);
  const ops = await getPrisma().operation.findMany({
    where: { vdcId: vdc.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(limit, 1), 200),
    include,
  });
  const context = ops.some((op) => op.status === 'failed') ? await failureContext(vdc) : undefined;
  return ops.map((op) => operationView(op, context));
}
