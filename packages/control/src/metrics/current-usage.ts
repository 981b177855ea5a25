// What VDCs use now: the newest sample of each of their replicas (at most a minute old, so a
// stopped VDC counts nothing), summed per VDC. For the VDC list's usage against the quota; the
// caller passes VDCs it has already found the user may see.
import { getPrisma } from '@colo/db';

export interface CurrentUsage {
  /** Cores in use now. */
  cpu: number;
  memoryUsed: number;
  /** Running replicas sampled. */
  replicas: number;
}

const FRESH_MS = 60_000;

export async function currentUsage(vdcIds: string[], now: Date = new Date()): Promise<Map<string, CurrentUsage>> {
  const out = new Map<string, CurrentUsage>();
  if (vdcIds.length === 0) return out;
  const since = new Date(now.getTime() - FRESH_MS).toISOString();
  // The newest row of each replica (the primary key's order serves DISTINCT ON), then summed.
  const rows = await getPrisma().$queryRaw<{ vdcId: string; cpu: number; memoryUsed: number; replicas: bigint }[]>`
    SELECT "vdcId", sum("cpu") AS "cpu", sum("memoryUsed") AS "memoryUsed", count(*) AS "replicas"
    FROM (
      SELECT DISTINCT ON ("vdcId", "appliance", "replica") "vdcId", "cpu", "memoryUsed"
      FROM "MetricSample"
      WHERE "vdcId" = ANY(${vdcIds}) AND "at" >= ${since}::timestamp
      ORDER BY "vdcId", "appliance", "replica", "at" DESC
    ) newest
    GROUP BY "vdcId"`;
  for (const r of rows) out.set(r.vdcId, { cpu: Number(r.cpu), memoryUsed: Number(r.memoryUsed), replicas: Number(r.replicas) });
  return out;
}
