// Desired vs actual for one VDC and one manifest: what a deploy executes and what a plan shows.
// Both paths build it here, so a plan preview and the deploy after it agree step for step.
import type { Vdc } from '@colo/db';
import { type DesiredState, desiredState, type Plan, planDeploy, readActualState, type SwarmPlacementOptions, swarmPlacement } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { resolveChecked } from '../manifests/manifest-input';
import { completeSecrets, openSecrets, type VdcSecrets } from '../secrets';
import { engineConfig, getRuntime, vdcIdentity } from './engine-access';

export interface DeployState {
  desired: DesiredState;
  plan: Plan;
  /** The VDC's secrets with any new ones added; `added` > 0 means they must be saved first. */
  secrets: VdcSecrets;
  added: number;
}

/** What Docker should run for `manifest`, whichever engine runs it (one host or the swarm). */
export async function computeDesired(
  vdc: Pick<Vdc, 'id' | 'name' | 'dockerKey' | 'secrets'>,
  manifest: Manifest,
  revisionId: string,
): Promise<{ desired: DesiredState; secrets: VdcSecrets; added: number; placement: SwarmPlacementOptions }> {
  const resolved = await resolveChecked(manifest);
  const { secrets, added } = completeSecrets(resolved, openSecrets(vdc.id, vdc.secrets));
  const desired = desiredState({ vdc: vdcIdentity(vdc), revisionId, manifest: resolved, secrets, config: engineConfig() });
  // Failover groups and chosen nodes: only a swarm places anything (a single host notes them).
  return { desired, secrets, added, placement: swarmPlacement(resolved) };
}

export async function computeDeploy(
  vdc: Pick<Vdc, 'id' | 'name' | 'dockerKey' | 'secrets'>,
  manifest: Manifest,
  revisionId: string,
): Promise<DeployState> {
  const { desired, secrets, added } = await computeDesired(vdc, manifest, revisionId);
  const config = engineConfig();
  const actual = await readActualState(getRuntime(), {
    instance: config.instance,
    vdcId: vdc.id,
    // Listeners too: a rebuilt edge-proxy image recreates them like any appliance.
    images: [...new Set([...desired.containers, ...desired.listeners].map((c) => c.image))],
  });
  return { desired, plan: planDeploy(desired, actual), secrets, added };
}
