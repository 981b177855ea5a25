'use client';
import type { MetricRangeName } from './use-vdc-metrics';

const RANGES: MetricRangeName[] = ['15m', '1h', '6h', '24h', '7d', '30d'];

export function RangePicker({ value, onChange }: { value: MetricRangeName; onChange: (range: MetricRangeName) => void }) {
  return (
    <fieldset className="flex overflow-hidden rounded-md border border-slate-200 text-xs" aria-label="Time range" data-testid="metrics-range">
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          onClick={() => onChange(r)}
          aria-pressed={r === value}
          className={`px-2 py-1 tabular-nums ${r === value ? 'bg-indigo-600 text-white' : 'bg-white text-slate-600 hover:bg-slate-50'}`}
        >
          {r}
        </button>
      ))}
    </fieldset>
  );
}
