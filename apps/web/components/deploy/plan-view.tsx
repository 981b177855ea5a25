'use client';
// A deploy plan as a person reads it: counts, then what happens to each appliance.
import type { PlanAction, PlanBody, PlanStepBody } from './types';

const ACTION_LOOK: Record<PlanAction, { label: string; className: string; sign: string }> = {
  create: { label: 'create', className: 'text-emerald-700 bg-emerald-50', sign: '+' },
  recreate: { label: 'recreate', className: 'text-amber-800 bg-amber-50', sign: '~' },
  start: { label: 'start', className: 'text-sky-700 bg-sky-50', sign: '▸' },
  remove: { label: 'remove', className: 'text-rose-700 bg-rose-50', sign: '−' },
  reconfigure: { label: 'reconfigure', className: 'text-violet-700 bg-violet-50', sign: '↻' },
};

const SHARED = 'VDC-wide';

export function groupPlan(steps: PlanStepBody[]): [string, PlanStepBody[]][] {
  const groups = new Map<string, PlanStepBody[]>();
  for (const step of steps) {
    const key = step.appliance ?? SHARED;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === SHARED ? 1 : b === SHARED ? -1 : a.localeCompare(b)));
}

export function PlanView({ plan }: { plan: PlanBody }) {
  if (plan.steps.length === 0) {
    return (
      <p data-testid="plan-empty" className="rounded-md bg-slate-50 px-3 py-4 text-center text-slate-600">
        Nothing to change: Docker already runs exactly this revision. Deploying again does nothing.
      </p>
    );
  }
  const actions = (Object.keys(ACTION_LOOK) as PlanAction[]).filter((a) => (plan.summary[a] ?? 0) > 0);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <span key={a} className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${ACTION_LOOK[a].className}`}>
            {plan.summary[a]} to {ACTION_LOOK[a].label}
          </span>
        ))}
      </div>
      {groupPlan(plan.steps).map(([appliance, steps]) => (
        <section key={appliance}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{appliance}</h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {steps.map((s) => (
              <li key={s.id} className="flex items-center gap-2 px-3 py-1.5">
                <span className={`w-20 shrink-0 rounded px-1.5 text-center text-xs font-medium ${ACTION_LOOK[s.action].className}`}>
                  {ACTION_LOOK[s.action].sign} {ACTION_LOOK[s.action].label}
                </span>
                <span className="w-16 shrink-0 text-xs text-slate-500">{s.kind}</span>
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={s.name}>
                  {s.name}
                </span>
                {s.reason && <span className="shrink-0 text-xs text-slate-500">{s.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
