// Roll-ups and retention of the stored samples, run by the worker. Every roll-up recomputes its
// recent buckets whole from what they summarise (INSERT … ON CONFLICT DO UPDATE), so running it
// twice, or in two workers at once, writes the same rows; the bucket still filling is updated
// each run, so the coarse series are live too.
import { getPrisma } from '@colo/db';

export const MINUTE = 60;
export const HOUR = 3600;

/** How long each kind of row is kept. */
export const METRIC_RETENTION_MS = {
  raw: 60 * 60 * 1000,
  [MINUTE]: 24 * 60 * 60 * 1000,
  [HOUR]: 30 * 24 * 60 * 60 * 1000,
} as const;

/** Buckets recomputed per run: enough that a worker paused a few minutes still closes them. */
const MINUTE_LOOKBACK_MS = 10 * 60 * 1000;
const HOUR_LOOKBACK_MS = 3 * 60 * 60 * 1000;

// Timestamps are stored as UTC in `timestamp` columns: an ISO string cast to `timestamp` keeps
// its UTC wall time whatever the session's time zone is.
const iso = (d: Date) => d.toISOString();

export interface RollupResult {
  minuteRows: number;
  hourRows: number;
  pruned: number;
}

export async function rollUpMetrics(now: Date = new Date()): Promise<RollupResult> {
  const prisma = getPrisma();
  const minuteSince = new Date(Math.floor((now.getTime() - MINUTE_LOOKBACK_MS) / 60_000) * 60_000);
  const hourSince = new Date(Math.floor((now.getTime() - HOUR_LOOKBACK_MS) / 3_600_000) * 3_600_000);
  const minuteRows = await prisma.$executeRaw`
    INSERT INTO "MetricRollup" ("resolution", "vdcId", "appliance", "replica", "at", "samples",
      "cpuAvg", "cpuMax", "memoryAvg", "memoryMax", "memoryLimit", "netRxAvg", "netRxMax", "netTxAvg", "netTxMax",
      "blockReadAvg", "blockReadMax", "blockWriteAvg", "blockWriteMax")
    SELECT 60, "vdcId", "appliance", "replica", date_trunc('minute', "at") AS bucket, count(*)::int,
      avg("cpu"), max("cpu"), avg("memoryUsed"), max("memoryUsed"), max("memoryLimit"), avg("netRx"), max("netRx"),
      avg("netTx"), max("netTx"), avg("blockRead"), max("blockRead"), avg("blockWrite"), max("blockWrite")
    FROM "MetricSample" WHERE "at" >= ${iso(minuteSince)}::timestamp
    GROUP BY "vdcId", "appliance", "replica", bucket
    ORDER BY "vdcId", "appliance", "replica", bucket
    ON CONFLICT ("resolution", "vdcId", "appliance", "replica", "at") DO UPDATE SET
      "samples" = EXCLUDED."samples", "cpuAvg" = EXCLUDED."cpuAvg", "cpuMax" = EXCLUDED."cpuMax",
      "memoryAvg" = EXCLUDED."memoryAvg", "memoryMax" = EXCLUDED."memoryMax", "memoryLimit" = EXCLUDED."memoryLimit",
      "netRxAvg" = EXCLUDED."netRxAvg", "netRxMax" = EXCLUDED."netRxMax", "netTxAvg" = EXCLUDED."netTxAvg", "netTxMax" = EXCLUDED."netTxMax",
      "blockReadAvg" = EXCLUDED."blockReadAvg", "blockReadMax" = EXCLUDED."blockReadMax",
      "blockWriteAvg" = EXCLUDED."blockWriteAvg", "blockWriteMax" = EXCLUDED."blockWriteMax"`;
  // An hour is its minutes weighted by their sample counts: the mean of its samples.
  const hourRows = await prisma.$executeRaw`
    INSERT INTO "MetricRollup" ("resolution", "vdcId", "appliance", "replica", "at", "samples",
      "cpuAvg", "cpuMax", "memoryAvg", "memoryMax", "memoryLimit", "netRxAvg", "netRxMax", "netTxAvg", "netTxMax",
      "blockReadAvg", "blockReadMax", "blockWriteAvg", "blockWriteMax")
    SELECT 3600, "vdcId", "appliance", "replica", date_trunc('hour', "at") AS bucket, sum("samples")::int,
      sum("cpuAvg" * "samples") / sum("samples"), max("cpuMax"),
      sum("memoryAvg" * "samples") / sum("samples"), max("memoryMax"), max("memoryLimit"),
      sum("netRxAvg" * "samples") / sum("samples"), max("netRxMax"),
      sum("netTxAvg" * "samples") / sum("samples"), max("netTxMax"),
      sum("blockReadAvg" * "samples") / sum("samples"), max("blockReadMax"),
      sum("blockWriteAvg" * "samples") / sum("samples"), max("blockWriteMax")
    FROM "MetricRollup" WHERE "resolution" = 60 AND "at" >= ${iso(hourSince)}::timestamp
    GROUP BY "vdcId", "appliance", "replica", bucket
    ORDER BY "vdcId", "appliance", "replica", bucket
    ON CONFLICT ("resolution", "vdcId", "appliance", "replica", "at") DO UPDATE SET
      "samples" = EXCLUDED."samples", "cpuAvg" = EXCLUDED."cpuAvg", "cpuMax" = EXCLUDED."cpuMax",
      "memoryAvg" = EXCLUDED."memoryAvg", "memoryMax" = EXCLUDED."memoryMax", "memoryLimit" = EXCLUDED."memoryLimit",
      "netRxAvg" = EXCLUDED."netRxAvg", "netRxMax" = EXCLUDED."netRxMax", "netTxAvg" = EXCLUDED."netTxAvg", "netTxMax" = EXCLUDED."netTxMax",
      "blockReadAvg" = EXCLUDED."blockReadAvg", "blockReadMax" = EXCLUDED."blockReadMax",
      "blockWriteAvg" = EXCLUDED."blockWriteAvg", "blockWriteMax" = EXCLUDED."blockWriteMax"`;
  const pruned = await pruneMetrics(now);
  return { minuteRows, hourRows, pruned };
}

/** Drops what is past its retention; returns the number of rows removed. */
export async function pruneMetrics(now: Date = new Date()): Promise<number> {
  const prisma = getPrisma();
  const before = (ms: number) => new Date(now.getTime() - ms);
  const raw = await prisma.metricSample.deleteMany({ where: { at: { lt: before(METRIC_RETENTION_MS.raw) } } });
  const minutes = await prisma.metricRollup.deleteMany({ where: { resolution: MINUTE, at: { lt: before(METRIC_RETENTION_MS[MINUTE]) } } });
  const hours = await prisma.metricRollup.deleteMany({ where: { resolution: HOUR, at: { lt: before(METRIC_RETENTION_MS[HOUR]) } } });
  return raw.count + minutes.count + hours.count;
}
