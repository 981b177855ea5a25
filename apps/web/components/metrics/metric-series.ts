// From the metrics answer to what a chart draws: one x axis (seconds) shared by several series,
// a gap (null) where a series has no sample, and for stacked charts each series on top of the
// ones before it. Pure, so it is unit-tested without a browser.
import type { MetricPoint } from '@colo/api';
import { formatBytes } from '../../lib/format-bytes';

/** What one chart shows of a point: CPU as % of a core, the rest as bytes or bytes per second. */
export type MetricKey = 'cpu' | 'memory' | 'net' | 'block';

export function metricValue(point: MetricPoint, key: MetricKey): number {
  switch (key) {
    case 'cpu':
      return point.cpu * 100;
    case 'memory':
      return point.memoryUsed;
    case 'net':
      return point.netRx + point.netTx;
    case 'block':
      return point.blockRead + point.blockWrite;
  }
}

export interface NamedSeries {
  label: string;
  points: MetricPoint[];
}

export interface ChartData {
  /** Epoch seconds, ascending. */
  x: number[];
  /** One array per series, aligned with x; null where the series has no sample. */
  ys: (number | null)[][];
}

export function alignSeries(series: NamedSeries[], key: MetricKey): ChartData {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = times.map(() => null);
    for (const p of s.points) y[index.get(p.t) as number] = metricValue(p, key);
    return y;
  });
  return { x: times.map((t) => t / 1000), ys };
}

/** Each series plus every one before it (a gap counts as 0 below, stays a gap itself). */
export function stackSeries(data: ChartData): ChartData {
  const sums = data.x.map(() => 0);
  const ys = data.ys.map((y) =>
    y.map((v, i) => {
      if (v === null) return null;
      sums[i] = (sums[i] as number) + v;
      return sums[i] as number;
    }),
  );
  return { x: data.x, ys };
}

/** The newest value of each series (its last sample), and their sum. */
export function latestValues(series: NamedSeries[], key: MetricKey): { each: (number | undefined)[]; total: number } {
  const each = series.map((s) => {
    const last = s.points.at(-1);
    return last ? metricValue(last, key) : undefined;
  });
  return { each, total: each.reduce<number>((sum, v) => sum + (v ?? 0), 0) };
}

export function formatMetric(key: MetricKey, value: number): string {
  if (key === 'cpu') return `${value.toFixed(value < 10 ? 1 : 0)}%`;
  return `${formatBytes(value)}${key === 'memory' ? '' : '/s'}`;
}

export const METRIC_TITLES: Record<MetricKey, string> = {
  cpu: 'CPU (% of one core)',
  memory: 'Memory',
  net: 'Network (in + out)',
  block: 'Block I/O (read + write)',
};
