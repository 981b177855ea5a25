// Desired vs actual for one VDC and one manifest: what a deploy executes and what a plan shows.
// Both paths build it here, so a plan preview and the deploy after it agree step for step.
import type { Vdc } from '@colo/db';
import { type DesiredState, desiredState, type Plan, planDeploy, readActualState } from '@colo/engine';
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

export async function computeDeploy(
  vdc: Pick<Vdc, 'id' | 'name' | 'dockerKey' | 'secrets'>,
  manifest: Manifest,
  revisionId: string,
): Promise<DeployState> {
  const resolved = await resolveChecked(manifest);
  const { secrets, added } = completeSecrets(resolved, openSecrets(vdc.id, vdc.secrets));
  const config = engineConfig();
  const desired = desiredState({ vdc: vdcIdentity(vdc), revisionId, manifest: resolved, secrets, config });
  const actual = await readActualState(getRuntime(), {
    instance: config.instance,
    vdcId: vdc.id,
    // Listeners too: a rebuilt edge-proxy image recreates them like any appliance.
    images: [...new Set([...desired.containers, ...desired.listeners].map((c) => c.image))],
  });
  return { desired, plan: planDeploy(desired, actual), secrets, added };
}
