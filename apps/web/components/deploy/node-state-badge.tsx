'use client';
// The live state pill a canvas node wears: colour + word + running/desired replicas.
import type { NodeLiveState } from './types';

const LOOK: Record<NodeLiveState, { dot: string; pill: string; pulse?: boolean }> = {
  absent: { dot: 'bg-slate-300', pill: 'bg-slate-100 text-slate-600' },
  creating: { dot: 'bg-sky-500', pill: 'bg-sky-50 text-sky-700', pulse: true },
  starting: { dot: 'bg-amber-500', pill: 'bg-amber-50 text-amber-800', pulse: true },
  healthy: { dot: 'bg-emerald-500', pill: 'bg-emerald-50 text-emerald-700' },
  unhealthy: { dot: 'bg-rose-500', pill: 'bg-rose-50 text-rose-700' },
  stopped: { dot: 'bg-slate-500', pill: 'bg-slate-200 text-slate-700' },
  flagged: { dot: 'bg-rose-600', pill: 'bg-rose-100 text-rose-800' },
  failed: { dot: 'bg-rose-600', pill: 'bg-rose-100 text-rose-800' },
};

export interface NodeStateBadgeProps {
  state: NodeLiveState;
  running: number;
  desired: number;
  /** When given, the state word carries data-testid `node-state-<appliance>` for tests. */
  appliance?: string;
  /** Why it is not right (an OOM kill, the flap guard's reason): the pill's tooltip. */
  reason?: string;
}

export function NodeStateBadge({ state, running, desired, appliance, reason }: NodeStateBadgeProps) {
  const look = LOOK[state] ?? LOOK.absent;
  const counts = `${running} of ${desired} replica${desired === 1 ? '' : 's'} running`;
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-[11px] font-medium ${look.pill}`}
      title={reason ? `${state}: ${reason} (${counts})` : `${state}: ${counts}`}
    >
      <span className={`size-1.5 rounded-full ${look.dot} ${look.pulse ? 'animate-pulse' : ''}`} />
      <span data-testid={appliance ? `node-state-${appliance}` : undefined}>{state}</span>
      {state !== 'absent' && state !== 'failed' && (
        <span className="tabular-nums opacity-75">
          {running}/{desired}
        </span>
      )}
    </span>
  );
}
