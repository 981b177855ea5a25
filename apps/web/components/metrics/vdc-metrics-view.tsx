'use client';
// A VDC's metrics page: each chart stacks the VDC's appliances (their replicas summed), so the
// top line is the whole VDC; polled while shown.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { alignSeries, latestValues, type MetricKey, type NamedSeries } from './metric-series';
import { MetricsChart } from './metrics-chart';
import { RangePicker } from './range-picker';
import { type MetricRangeName, useVdcMetrics } from './use-vdc-metrics';

const KEYS: MetricKey[] = ['cpu', 'memory', 'net', 'block'];

export function VdcMetricsView({ vdcName }: { vdcName: string }) {
  const [range, setRange] = useState<MetricRangeName>('15m');
  const { metrics, error } = useVdcMetrics(vdcName, { range });
  const series: NamedSeries[] = useMemo(() => (metrics?.appliances ?? []).map((a) => ({ label: a.name, points: a.points })), [metrics]);

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-6">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/vdcs/${encodeURIComponent(vdcName)}`} className="text-sm text-indigo-600 hover:underline" data-testid="back-to-editor">
          ← {vdcName}
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="text-xl font-semibold text-slate-900">Metrics</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {error && <p className="text-sm text-red-700">Metrics unavailable: {error}</p>}
      {!metrics ? (
        <div className="h-64 animate-pulse rounded-md bg-slate-100" />
      ) : series.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 p-4 text-sm text-slate-500" data-testid="metrics-empty">
          No samples in this range: the worker samples the replicas of a running VDC every 10 s.
        </p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {KEYS.map((key) => (
              <MetricsChart
                key={key}
                metric={key}
                labels={series.map((s) => s.label)}
                data={alignSeries(series, key)}
                latest={latestValues(series, key)}
                stacked
                testId={`vdc-chart-${key}`}
              />
            ))}
          </div>
          <ul className="flex flex-wrap gap-3 text-xs">
            {series.map((s) => (
              <li key={s.label}>
                <Link className="text-indigo-600 hover:underline" href={`/vdcs/${encodeURIComponent(vdcName)}/appliances/${encodeURIComponent(s.label)}`}>
                  {s.label} per replica →
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
