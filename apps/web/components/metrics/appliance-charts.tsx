'use client';
// The appliance page's charts: CPU, memory, network and block I/O of each replica, one line per
// replica, polled while shown.
import { useMemo, useState } from 'react';
import { alignSeries, formatMetric, latestValues, type MetricKey, type NamedSeries } from './metric-series';
import { MetricsChart } from './metrics-chart';
import { RangePicker } from './range-picker';
import { type MetricRangeName, useVdcMetrics } from './use-vdc-metrics';

const KEYS: MetricKey[] = ['cpu', 'memory', 'net', 'block'];

export function ApplianceCharts({ vdcName, appliance }: { vdcName: string; appliance: string }) {
  const [range, setRange] = useState<MetricRangeName>('15m');
  const { metrics, error } = useVdcMetrics(vdcName, { appliance, range });
  const found = metrics?.appliances.find((a) => a.name === appliance);
  const series: NamedSeries[] = useMemo(() => (found?.replicas ?? []).map((r) => ({ label: `replica ${r.replica}`, points: r.points })), [found]);
  const limit = found?.points.at(-1)?.memoryLimit;

  return (
    <section className="space-y-2" data-testid="appliance-metrics">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold text-slate-900">Metrics</h2>
        <RangePicker value={range} onChange={setRange} />
        <span className="text-xs text-slate-500">sampled every 10 s per replica{metrics && metrics.resolution > 0 ? `; ${metrics.resolution / 60}-minute averages` : ''}</span>
      </div>
      {error && <p className="text-xs text-red-700">Metrics unavailable: {error}</p>}
      {!metrics ? (
        <div className="h-40 animate-pulse rounded-md bg-slate-100" />
      ) : series.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 p-4 text-sm text-slate-500" data-testid="metrics-empty">
          No samples in this range yet: the worker samples running replicas every 10 s.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          {KEYS.map((key) => (
            <MetricsChart
              key={key}
              metric={key}
              labels={series.map((s) => s.label)}
              data={alignSeries(series, key)}
              latest={latestValues(series, key)}
              note={key === 'memory' && limit ? `limit ${formatMetric('memory', limit)}` : undefined}
              testId={`chart-${key}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
