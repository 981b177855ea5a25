// A plan as text a person reads before applying it, in the manner of terraform's plan output.
import type { Plan, PlanAction, PlanNetworks } from './types';

const SYMBOL: Record<PlanAction, string> = { create: '+', recreate: '-/+', remove: '-', start: '>', reconfigure: '~' };

/** `Networks: 2 wires, 1 ingress, 1 edge bridge (4 /24s of the address pool)`. */
export function formatNetworks(n: PlanNetworks): string {
  const total = n.wires + n.ingress + n.edge + n.egress;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const bridges = [n.edge > 0 ? `, ${plural(n.edge, 'edge bridge')}` : '', n.egress > 0 ? `, ${plural(n.egress, 'egress bridge')}` : ''].join('');
  return `Networks: ${plural(n.wires, 'wire')}, ${n.ingress} ingress${bridges} (${total} /24${total === 1 ? '' : 's'} of the address pool)`;
}

export function formatPlan(plan: Plan): string {
  const { create, recreate, remove, start, reconfigure } = plan.summary;
  const title = `VDC ${plan.vdc.name} (colo-${plan.vdc.key})`;
  const networks = formatNetworks(plan.networks);
  if (plan.steps.length === 0) return `${networks}\nNo changes: ${title} is up to date.`;
  const kindWidth = Math.max(...plan.steps.map((s) => s.kind.length));
  const nameWidth = Math.max(...plan.steps.map((s) => s.name.length));
  const lines = plan.steps.map(
    (s) => `  ${SYMBOL[s.action].padStart(3)} ${s.kind.padEnd(kindWidth)} ${s.name.padEnd(nameWidth)}  (${s.reason})`,
  );
  const again = reconfigure > 0 ? `, ${reconfigure} to reconfigure` : '';
  const summary = `${create} to create, ${recreate} to recreate, ${remove} to remove, ${start} to start${again}.`;
  return [`Plan for ${title}:`, ...lines, '', networks, `Plan: ${summary}`].join('\n');
}
