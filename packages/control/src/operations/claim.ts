// Who may run an operation, decided by Postgres in one transaction:
// - the operation must be open and its lease free (never taken, released, or expired by the
//   database's clock): a duplicate delivery of a job whose run is alive is told to wait
//   (`leased`), it never runs beside it;
// - its VDC must be free for it: `Vdc.activeOperationId` is this operation, or nobody unfinished,
//   and no older operation of the VDC is unfinished (one at a time, first come first served;
//   different VDCs proceed in parallel);
// - then the claim takes the next fence, counts the run, and leases the operation.
// The operation row is locked `FOR UPDATE` first, so two claims of one operation serialise and
// the second sees the first's lease; writes of runs hold `FOR KEY SHARE` on it (fence.ts).
import { getPrisma } from '@colo/db';
import { FENCE_TX_OPTIONS } from './fence';
import { LEASE_MS, leaseOwnerId, RunLease } from './lease';

export type ClaimResult =
  | { status: 'claimed'; lease: RunLease }
  /** Another run holds the operation's lease; try again after `retryInMs` (when it ends). */
  | { status: 'leased'; retryInMs: number }
  /** An older operation of the VDC is unfinished or holds it. */
  | { status: 'busy' }
  | { status: 'finished' }
  | { status: 'missing' };

export interface ClaimOptions {
  /** Lease length; LEASE_MS unless told. */
  leaseMs?: number;
  /** Recorded in `Operation.leaseOwner`; this process unless told. */
  owner?: string;
}

interface Row {
  vdcId: string;
  status: string;
  /** Lease left in ms, > 0 while someone holds it. */
  remaining: number | null;
}

export async function claimVdcFor(operationId: string, options: ClaimOptions = {}): Promise<ClaimResult> {
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const owner = options.owner ?? leaseOwnerId();
  return getPrisma().$transaction(async (tx) => {
    const [op] = await tx.$queryRaw<Row[]>`
      SELECT "vdcId", "status"::text AS "status",
             (EXTRACT(EPOCH FROM ("leaseExpiresAt" - clock_timestamp())) * 1000)::float8 AS "remaining"
      FROM "Operation" WHERE "id" = ${operationId} FOR UPDATE`;
    if (!op) return { status: 'missing' };
    if (op.status === 'succeeded' || op.status === 'failed') return { status: 'finished' };
    if (op.remaining !== null && op.remaining > 0) return { status: 'leased', retryInMs: Math.ceil(op.remaining) };

    const vdcFree = await tx.$executeRaw`
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
    if (vdcFree !== 1) return { status: 'busy' };

    const sentAt = performance.now();
    const [run] = await tx.$queryRaw<{ fence: number; remaining: number }[]>`
      UPDATE "Operation"
      SET "fence" = "fence" + 1,
          "attempts" = "attempts" + 1,
          "status" = 'running',
          "startedAt" = COALESCE("startedAt", now() AT TIME ZONE 'UTC'),
          "error" = NULL,
          "errorCode" = NULL,
          "leaseOwner" = ${owner},
          "leaseExpiresAt" = clock_timestamp() + make_interval(secs => ${leaseMs}::float8 / 1000)
      WHERE "id" = ${operationId}
      RETURNING "fence", (EXTRACT(EPOCH FROM ("leaseExpiresAt" - clock_timestamp())) * 1000)::float8 AS "remaining"`;
    return { status: 'claimed', lease: new RunLease(operationId, op.vdcId, run.fence, owner, leaseMs, run.remaining, sentAt) };
  }, FENCE_TX_OPTIONS);
}

/** Gives the VDC back; a no-op unless this operation holds it. */
export async function releaseVdcFrom(operationId: string, vdcId: string): Promise<void> {
  await getPrisma().vdc.updateMany({ where: { id: vdcId, activeOperationId: operationId }, data: { activeOperationId: null } });
}
