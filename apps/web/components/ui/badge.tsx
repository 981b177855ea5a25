// Small status pills. Tones, not meanings: each feature maps its states onto them.
import type { ReactNode } from 'react';

export type BadgeTone = 'gray' | 'green' | 'amber' | 'red' | 'blue' | 'indigo';

const TONES: Record<BadgeTone, { pill: string; dot: string }> = {
  gray: { pill: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
  green: { pill: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500' },
  amber: { pill: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  red: { pill: 'bg-rose-50 text-rose-700 ring-rose-600/20', dot: 'bg-rose-500' },
  blue: { pill: 'bg-sky-50 text-sky-700 ring-sky-600/20', dot: 'bg-sky-500' },
  indigo: { pill: 'bg-indigo-50 text-indigo-700 ring-indigo-600/20', dot: 'bg-indigo-500' },
};

export function Badge({ tone = 'gray', dot = false, pulse = false, children, testId }: { tone?: BadgeTone; dot?: boolean; pulse?: boolean; children: ReactNode; testId?: string }) {
  const t = TONES[tone];
  return (
    <span data-testid={testId} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${t.pill}`}>
      {dot && <span aria-hidden className={`size-1.5 rounded-full ${t.dot} ${pulse ? 'animate-pulse' : ''}`} />}
      {children}
    </span>
  );
}
