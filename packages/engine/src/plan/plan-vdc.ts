// Reads what Docker holds for a VDC (including where its image tags point now) and plans
// against it: what `POST /plan` and a deploy both start with.
import { type ActualState, readActualState } from '../actual-state';
import type { DesiredState } from '../desired/types';
import type { Runtime } from '../runtime/runtime';
import { planDeploy } from './plan';
import type { Plan } from './types';

export async function planVdc(runtime: Runtime, desired: DesiredState): Promise<{ plan: Plan; actual: ActualState }> {
  const actual = await readActualState(runtime, {
    instance: desired.instance,
    vdcId: desired.vdc.id,
    // Listeners too: a rebuilt edge-proxy image recreates them like any appliance.
    images: [...desired.containers, ...desired.listeners].map((c) => c.image),
    // And where each running listener points: a changed input port re-points it.
    listenerTargets: true,
  });
  return { plan: planDeploy(desired, actual), actual };
}
