'use client';
// One time-series chart drawn by uPlot: lines per series (or stacked areas), the newest value of
// each series and their total above it. The total is also on `data-value` so tests read a number.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartData, formatMetric, type MetricKey, METRIC_TITLES, stackSeries } from './metric-series';

export const SERIES_COLORS = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#db2777', '#0d9488', '#65a30d', '#475569'];

export interface MetricsChartProps {
  metric: MetricKey;
  labels: string[];
  data: ChartData;
  latest: { each: (number | undefined)[]; total: number };
  stacked?: boolean;
  /** e.g. "memory limit 256 MiB". */
  note?: string;
  testId: string;
}

const HEIGHT = 160;

export function MetricsChart({ metric, labels, data, latest, stacked, note, testId }: MetricsChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${metric}|${stacked ? 1 : 0}|${labels.join(',')}`;

  // A new chart when the series change; new data alone is set on the chart already drawn.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the series' shape changes
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const format = (v: number | null) => (v === null ? '–' : formatMetric(metric, v));
    // Stacked: the last series is the sum of all, drawn first so each lower layer shows on top.
    const order = stacked ? labels.map((_, i) => labels.length - 1 - i) : labels.map((_, i) => i);
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : metric === 'cpu' ? 1 : 1024] } },
      axes: [{ stroke: '#64748b', grid: { stroke: '#f1f5f9' } }, { stroke: '#64748b', grid: { stroke: '#f1f5f9' }, size: 84, values: (_u, ticks) => ticks.map((v) => format(v)) }],
      series: [
        {},
        ...order.map((i) => ({
          label: labels[i],
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          fill: stacked ? `${SERIES_COLORS[i % SERIES_COLORS.length]}55` : undefined,
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => format(v),
        })),
      ],
    };
    const shown = stacked ? stackSeries(data) : data;
    plot.current = new uPlot(opts, [shown.x, ...order.map((i) => shown.ys[i] ?? [])] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape]);

  useEffect(() => {
    if (!plot.current) return;
    const order = stacked ? labels.map((_, i) => labels.length - 1 - i) : labels.map((_, i) => i);
    const shown = stacked ? stackSeries(data) : data;
    plot.current.setData([shown.x, ...order.map((i) => shown.ys[i] ?? [])] as uPlot.AlignedData);
  }, [data, labels, stacked]);

  return (
    <figure className="min-w-0 rounded-md border border-slate-200 bg-white p-3" data-testid={testId} data-value={latest.total}>
      <figcaption className="mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs">
        <span className="font-semibold text-slate-900">{METRIC_TITLES[metric]}</span>
        <span className="font-mono tabular-nums text-slate-700" data-testid={`${testId}-total`}>
          {formatMetric(metric, latest.total)}
        </span>
        {labels.length > 1 &&
          labels.map((label, i) => (
            <span key={label} className="flex items-center gap-1 text-slate-500">
              <span className="inline-block size-2 rounded-full" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
              {label} {latest.each[i] === undefined ? '–' : formatMetric(metric, latest.each[i] as number)}
            </span>
          ))}
        {note && <span className="text-slate-500">{note}</span>}
      </figcaption>
      <div ref={box} className="w-full" />
    </figure>
  );
}
