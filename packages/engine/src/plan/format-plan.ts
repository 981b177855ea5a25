// A plan as text a person reads before applying it, in the manner of terraform's plan output.
import type { Plan, PlanAction } from './types';

const SYMBOL: Record<PlanAction, string> = { create: '+', recreate: '-/+', remove: '-', start: '>' };

export function formatPlan(plan: Plan): string {
  const { create, recreate, remove, start } = plan.summary;
  const title = `VDC ${plan.vdc.name} (colo-${plan.vdc.key})`;
  if (plan.steps.length === 0) return `No changes: ${title} is up to date.`;
  const kindWidth = Math.max(...plan.steps.map((s) => s.kind.length));
  const nameWidth = Math.max(...plan.steps.map((s) => s.name.length));
  const lines = plan.steps.map(
    (s) => `  ${SYMBOL[s.action].padStart(3)} ${s.kind.padEnd(kindWidth)} ${s.name.padEnd(nameWidth)}  (${s.reason})`,
  );
  const summary = `${create} to create, ${recreate} to recreate, ${remove} to remove, ${start} to start.`;
  return [`Plan for ${title}:`, ...lines, '', `Plan: ${summary}`].join('\n');
}
