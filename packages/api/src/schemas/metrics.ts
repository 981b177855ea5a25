// Container metrics of a VDC: the query (a range back from now, one appliance or all) and the
// series the worker's samples make, per appliance (replicas summed) and per replica.
import { z } from 'zod';
import { text } from '../common';

export const METRIC_RANGE_NAMES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;

export const vdcMetricsQuery = z.object({
  appliance: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be an appliance name')
    .optional()
    .describe('only this appliance (all of the VDC otherwise)'),
  range: z
    .enum(METRIC_RANGE_NAMES)
    .default('15m')
    .describe('how far back from now: raw samples (every sampling interval) up to 1h, 1-minute roll-ups up to 24h, 1-hour roll-ups beyond'),
});
export type VdcMetricsQuery = z.infer<typeof vdcMetricsQuery>;

export const metricPointSchema = z.looseObject({
  /** Start of the sample's tick or of the roll-up's bucket, epoch milliseconds. */
  t: z.number(),
  /** Fraction of one core (2 = two cores busy), averaged over the bucket; cpuMax its peak. */
  cpu: z.number(),
  cpuMax: z.number(),
  /** Bytes in use (page cache excluded) and the limit. */
  memoryUsed: z.number(),
  memoryMax: z.number(),
  memoryLimit: z.number(),
  /** Bytes per second. */
  netRx: z.number(),
  netTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
});
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const applianceMetricsSchema = z.looseObject({
  name: text,
  /** Its replicas summed at each moment. */
  points: z.array(metricPointSchema),
  replicas: z.array(z.looseObject({ replica: z.number(), points: z.array(metricPointSchema) })),
});
export type ApplianceMetrics = z.infer<typeof applianceMetricsSchema>;

export const vdcMetricsSchema = z.looseObject({
  vdc: text,
  range: z.enum(METRIC_RANGE_NAMES),
  /** Seconds per point: 60 or 3600 for roll-ups, 0 for raw samples. */
  resolution: z.number(),
  from: text,
  to: text,
  appliances: z.array(applianceMetricsSchema),
});
export type VdcMetrics = z.infer<typeof vdcMetricsSchema>;
