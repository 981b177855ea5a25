// The swarm deployer's entry points, what the worker calls when its Docker endpoint is a swarm
// manager: plan (read the manager, place, diff) and deploy (plan, then apply).
import type { DesiredState } from '../../desired/types';
import { readActualSwarm } from './actual-swarm';
import { applySwarmPlan, type SwarmApplyOptions, type SwarmApplyResult } from './apply-swarm-plan';
import { type DesiredSwarmOptions, desiredSwarm } from './desired-swarm';
import type { SwarmApi } from './swarm-api';
import { planSwarm, type SwarmPlan } from './swarm-plan';
import type { DesiredSwarm } from './swarm-types';

/** Swarm mode: the daemon Colo talks to is an active swarm manager. Colo never makes one itself. */
export async function isSwarmManager(api: SwarmApi): Promise<boolean> {
  const info = await api.info();
  return info.localNodeState === 'active' && info.controlAvailable;
}

export async function planSwarmVdc(api: SwarmApi, desired: DesiredState, options: DesiredSwarmOptions = {}): Promise<{ plan: SwarmPlan; swarm: DesiredSwarm }> {
  const actual = await readActualSwarm(api, { instance: desired.instance, vdcId: desired.vdc.id });
  const swarm = desiredSwarm(desired, actual, options);
  return { plan: planSwarm(swarm, actual), swarm };
}

export async function deploySwarmVdc(
  api: SwarmApi,
  desired: DesiredState,
  options: DesiredSwarmOptions & SwarmApplyOptions = {},
): Promise<{ plan: SwarmPlan; result: SwarmApplyResult }> {
  const { plan, swarm } = await planSwarmVdc(api, desired, options);
  const result = await applySwarmPlan(api, plan, swarm, options);
  return { plan, result };
}
