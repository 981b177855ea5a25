// Brings a VDC's edge listeners (and the networks they sit on) back to what the desired state
// says, touching nothing else: what `start` runs so a listener removed behind Colo's back
// returns with the VDC, without redeploying its appliances.
import { applyPlan, type ApplyOptions, type ApplyResult } from '../apply/apply-plan';
import type { DesiredState } from '../desired/types';
import { planVdc } from '../plan/plan-vdc';
import type { Plan } from '../plan/types';
import type { Runtime } from '../runtime/runtime';

export async function repairListeners(runtime: Runtime, desired: DesiredState, options: ApplyOptions = {}): Promise<{ plan: Plan; result: ApplyResult }> {
  const { plan } = await planVdc(runtime, desired);
  const listenerSteps = plan.steps.filter((s) => s.kind === 'listener' && s.action !== 'remove');
  const needed = new Set(listenerSteps.flatMap((s) => s.dependsOn));
  const steps = plan.steps
    .filter((s) => listenerSteps.includes(s) || (s.kind === 'network' && s.action === 'create' && needed.has(s.id)))
    .map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => needed.has(d) && d.startsWith('network:')) }));
  const partial: Plan = { ...plan, steps, summary: { create: 0, recreate: 0, remove: 0, start: 0, reconfigure: 0 } };
  for (const s of steps) partial.summary[s.action]++;
  // A listener does not wait for its appliance here: one the user stopped stays stopped, and the
  // listener (healthy without backends) is ready when it starts again.
  return { plan: partial, result: await applyPlan(runtime, partial, desired, { ...options, awaitServers: false }) };
}
