// Reading operations and their logs, only by members of the VDC's team.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { type LogLineView, logLineView, type OperationView, operationView } from './operation-views';

const LOG_PAGE = 1000;
const include = { steps: true, vdc: { select: { name: true, team: { select: { members: { select: { userId: true } } } } } }, revision: { select: { number: true } } } as const;

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
  return { operation: operationView(op), logs: logs.map(logLineView) };
}

export async function listOperations(user: AuthUser, vdcName: string, limit = 50): Promise<OperationView[]> {
  const vdc = await findOwnedVdc(user, vdcName);
  const ops = await getPrisma().operation.findMany({
    where: { vdcId: vdc.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(limit, 1), 200),
    include,
  });
  return ops.map(operationView);
}
