// `GET /vdcs/:name/metrics`: a VDC's stored samples over a range, per appliance (its replicas
// summed) and per replica. The range picks the resolution: raw samples up to an hour, 1-minute
// roll-ups up to a day, 1-hour roll-ups beyond.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { HOUR, MINUTE } from './metric-rollups';

export const METRIC_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

const RANGE_MS: Record<MetricRange, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '6h': 6 * 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
};

/** 0 = raw samples. */
export function rangeResolution(range: MetricRange): 0 | typeof MINUTE | typeof HOUR {
  const ms = RANGE_MS[range];
  if (ms <= RANGE_MS['1h']) return 0;
  if (ms <= RANGE_MS['24h']) return MINUTE;
  return HOUR;
}

/** One moment of a series. Rates are per second, cpu a fraction of one core; `…Max` is the peak within the bucket. */
export interface MetricPoint {
  /** Start of the sample's tick or bucket, epoch milliseconds. */
  t: number;
  cpu: number;
  cpuMax: number;
  memoryUsed: number;
  memoryMax: number;
  memoryLimit: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
}

export interface ReplicaMetrics {
  replica: number;
  points: MetricPoint[];
}

export interface ApplianceMetrics {
  name: string;
  /** The replicas summed at each moment. */
  points: MetricPoint[];
  replicas: ReplicaMetrics[];
}

export interface VdcMetricsView {
  vdc: string;
  range: MetricRange;
  /** Seconds per point: the sampling interval's raw samples are 0. */
  resolution: number;
  from: string;
  to: string;
  appliances: ApplianceMetrics[];
}

interface Row extends Omit<MetricPoint, 't'> {
  appliance: string;
  replica: number;
  at: Date;
}

async function readRows(vdcId: string, resolution: number, since: Date, appliance?: string): Promise<Row[]> {
  const prisma = getPrisma();
  const where = { vdcId, at: { gte: since }, ...(appliance ? { appliance } : {}) };
  const orderBy = [{ appliance: 'asc' as const }, { replica: 'asc' as const }, { at: 'asc' as const }];
  if (resolution === 0) {
    const rows = await prisma.metricSample.findMany({ where, orderBy });
    return rows.map((r) => ({ ...r, cpuMax: r.cpu, memoryMax: r.memoryUsed }));
  }
  const rows = await prisma.metricRollup.findMany({ where: { ...where, resolution }, orderBy });
  return rows.map((r) => ({
    appliance: r.appliance,
    replica: r.replica,
    at: r.at,
    cpu: r.cpuAvg,
    cpuMax: r.cpuMax,
    memoryUsed: r.memoryAvg,
    memoryMax: r.memoryMax,
    memoryLimit: r.memoryLimit,
    netRx: r.netRxAvg,
    netTx: r.netTxAvg,
    blockRead: r.blockReadAvg,
    blockWrite: r.blockWriteAvg,
  }));
}

const SUMMED = ['cpu', 'cpuMax', 'memoryUsed', 'memoryMax', 'memoryLimit', 'netRx', 'netTx', 'blockRead', 'blockWrite'] as const;

function toPoint(row: Row): MetricPoint {
  const point = { t: row.at.getTime() } as MetricPoint;
  for (const key of SUMMED) point[key] = row[key];
  return point;
}

/** Replicas sampled on the same ticks share their `t`, so a sum per `t` is the appliance's. */
function sumReplicas(replicas: ReplicaMetrics[]): MetricPoint[] {
  const byTime = new Map<number, MetricPoint>();
  for (const r of replicas) {
    for (const p of r.points) {
      const sum = byTime.get(p.t);
      if (!sum) byTime.set(p.t, { ...p });
      else for (const key of SUMMED) sum[key] += p[key];
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

export async function vdcMetrics(
  user: AuthUser,
  vdcName: string,
  query: { range: MetricRange; appliance?: string },
  now: Date = new Date(),
): Promise<VdcMetricsView> {
  const vdc = await findOwnedVdc(user, vdcName);
  const resolution = rangeResolution(query.range);
  const since = new Date(now.getTime() - RANGE_MS[query.range]);
  const rows = await readRows(vdc.id, resolution, since, query.appliance);
  const appliances = new Map<string, Map<number, MetricPoint[]>>();
  for (const row of rows) {
    const replicas = appliances.get(row.appliance) ?? new Map<number, MetricPoint[]>();
    appliances.set(row.appliance, replicas);
    const points = replicas.get(row.replica) ?? [];
    replicas.set(row.replica, points);
    points.push(toPoint(row));
  }
  return {
    vdc: vdc.name,
    range: query.range,
    resolution,
    from: since.toISOString(),
    to: now.toISOString(),
    appliances: [...appliances].map(([name, byReplica]) => {
      const replicas = [...byReplica].map(([replica, points]) => ({ replica, points }));
      return { name, points: sumReplicas(replicas), replicas };
    }),
  };
}
