// Per-VDC exclusivity, decided by Postgres: an operation runs only while it holds its VDC's
// `activeOperationId`, and may take it only when no older operation of that VDC is unfinished.
// That gives one-at-a-time and first-come-first-served per VDC, while different VDCs proceed in
// parallel. A claim held by the operation itself is re-entered (a worker killed mid-run and its
// job picked up again), and a claim left by a finished operation is simply taken over.
import { getPrisma } from '@colo/db';

export type ClaimResult = 'claimed' | 'busy' | 'finished' | 'missing';

export async function claimVdcFor(operationId: string): Promise<ClaimResult> {
  const prisma = getPrisma();
  const op = await prisma.operation.findUnique({ where: { id: operationId }, select: { vdcId: true, status: true } });
  if (!op) return 'missing';
  if (op.status === 'succeeded' || op.status === 'failed') return 'finished';
  const claimed = await prisma.$executeRaw`
    UPDATE "Vdc" v SET "activeOperationId" = ${operationId}, "updatedAt" = now()
    WHERE v."id" = ${op.vdcId}
      AND (
        v."activeOperationId" = ${operationId}
        OR (
          (v."activeOperationId" IS NULL
            OR NOT EXISTS (
              SELECT 1 FROM "Operation" h
              WHERE h."id" = v."activeOperationId" AND h."status" IN ('queued', 'running')))
          AND NOT EXISTS (
            SELECT 1 FROM "Operation" o, "Operation" me
            WHERE me."id" = ${operationId}
              AND o."vdcId" = v."id" AND o."id" <> me."id"
              AND o."status" IN ('queued', 'running')
              AND (o."createdAt", o."id") < (me."createdAt", me."id"))
        )
      )`;
  return claimed === 1 ? 'claimed' : 'busy';
}

/** Gives the VDC back; a no-op unless this operation holds it. */
export async function releaseVdcFrom(operationId: string, vdcId: string): Promise<void> {
  await getPrisma().vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } });
}
