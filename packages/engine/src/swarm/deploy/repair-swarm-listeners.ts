// The swarm's half of an edge repair (edge/repair-listeners.ts): a VDC's listener service removed
// behind Colo's back (`docker service rm`) comes back from the deployed revision, with the networks
// it needs, and nothing else is touched: an appliance the user stopped stays at 0 replicas, a
// changed appliance is left for the next deploy. Swarm itself restarts a listener whose task died.
import { applySwarmPlan, type SwarmApplyOptions } from './apply-swarm-plan';
import type { SwarmVdcPlan } from './deploy-swarm-vdc';
import type { SwarmApi } from './swarm-api';
import type { SwarmPlan } from './swarm-plan';

/** The listener services `planned` creates, and the network creates they wait for. */
export function listenerRepairPlan(planned: Pick<SwarmVdcPlan, 'plan' | 'swarm'>): SwarmPlan {
  const listeners = new Set(planned.swarm.services.filter((s) => s.kind === 'listener').map((s) => s.name));
  const services = planned.plan.steps.filter((s) => s.kind === 'service' && s.action === 'create' && listeners.has(s.name));
  const networks = new Set(services.flatMap((s) => s.dependsOn.filter((d) => d.startsWith('network:'))));
  const steps = planned.plan.steps
    .filter((s) => services.includes(s) || (s.kind === 'network' && s.action === 'create' && networks.has(s.id)))
    .map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => networks.has(d)) }));
  const summary = { create: steps.length, update: 0, remove: 0 };
  return { ...planned.plan, steps, summary };
}

/** Re-creates the missing listener services of `planned`; returns the services it made. */
export async function repairSwarmListeners(api: SwarmApi, planned: Pick<SwarmVdcPlan, 'plan' | 'swarm'>, options: SwarmApplyOptions = {}): Promise<string[]> {
  const plan = listenerRepairPlan(planned);
  if (plan.steps.length === 0) return [];
  await applySwarmPlan(api, plan, planned.swarm, options);
  return plan.steps.filter((s) => s.kind === 'service').map((s) => s.name);
}
