import type { MetricPoint } from '@colo/api';
import { describe, expect, it } from 'vitest';
import { alignSeries, formatMetric, latestValues, stackSeries } from './metric-series';

const p = (t: number, cpu: number, netRx = 0, netTx = 0): MetricPoint => ({
  t,
  cpu,
  cpuMax: cpu,
  memoryUsed: 100,
  memoryMax: 100,
  memoryLimit: 200,
  netRx,
  netTx,
  blockRead: 0,
  blockWrite: 0,
});

describe('metric series', () => {
  const series = [
    { label: '1', points: [p(10_000, 0.5, 1, 2), p(20_000, 0.25, 3, 4)] },
    { label: '2', points: [p(20_000, 0.1, 10, 0), p(30_000, 0.2)] },
  ];

  it('aligns series on one x axis in seconds, with gaps where a series has no sample', () => {
    expect(alignSeries(series, 'cpu')).toEqual({ x: [10, 20, 30], ys: [[50, 25, null], [null, 10, 20]] });
    expect(alignSeries(series, 'net').ys).toEqual([[3, 7, null], [null, 10, 0]]);
  });

  it('stacks each series on the ones before it', () => {
    expect(stackSeries(alignSeries(series, 'cpu')).ys).toEqual([[50, 25, null], [null, 35, 20]]);
  });

  it('gives the newest value of each series and their total', () => {
    expect(latestValues(series, 'cpu')).toEqual({ each: [25, 20], total: 45 });
    expect(latestValues([{ label: 'x', points: [] }], 'cpu')).toEqual({ each: [undefined], total: 0 });
  });

  it('formats CPU as a percentage and bytes in binary units', () => {
    expect([formatMetric('cpu', 4.25), formatMetric('cpu', 38.2), formatMetric('memory', 1536), formatMetric('net', 512)]).toEqual(['4.3%', '38%', '1.5 KiB', '512 B/s']);
  });
});
