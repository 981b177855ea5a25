// stop, start and destroy: the engine finds the VDC's containers by label, so these need no
// manifest and work on whatever the last deploy left.
import { getPrisma } from '@colo/db';
import { destroyVdc, repairListeners, repairSwarmListeners, startVdc, stopVdc } from '@colo/engine';
import { addMissingSecrets } from '../../add-missing-secrets';
import { computeDeploy, computeDesired } from '../../docker/deploy-state';
import { engineConfig } from '../../docker/engine-access';
import { getSwarmEngine, vdcEngineMode } from '../../docker/engine-mode';
import { previewSwarmPlan } from '../../docker/swarm-vdc';
import { clearApplianceFlags } from '../../failures/appliance-flags';
import { checkManifest, resolveChecked, ownerOfVdc } from '../../manifests/manifest-input';
import { withFence } from '../fence';
import { swarmDestroy, swarmStart, swarmStop } from './swarm';
import type { Runner, RunnerContext } from './types';

function param<T>(params: unknown, key: string): T | undefined {
  return (params as Record<string, unknown> | null)?.[key] as T | undefined;
}

export const runStop: Runner = async (ctx) => {
  const { op, vdc, recorder, runtime, beginChanges } = ctx;
  const appliance = param<string>(op.params, 'appliance');
  if ((await vdcEngineMode(vdc)).mode === 'swarm') return swarmStop(ctx, appliance);
  const key = appliance ? `stop:${appliance}` : 'stop';
  await recorder.defineSteps([{ key, title: appliance ? `stop appliance ${appliance}` : 'stop every appliance' }]);
  beginChanges();
  recorder.stepStarted(key);
  const { stopped } = await stopVdc(runtime, vdc.id, { instance: engineConfig().instance, appliance });
  recorder.log(stopped.length === 0 ? 'nothing was running' : `stopped ${stopped.join(', ')}`);
  recorder.stepDone(key);
  // Stopping one appliance leaves the VDC as it was; stopping all of it stops the VDC.
  return appliance ? {} : { state: 'stopped' };
};

export const runStart: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal, beginChanges } = ctx;
  const appliance = param<string>(op.params, 'appliance');
  if ((await vdcEngineMode(vdc)).mode === 'swarm') return swarmStart(ctx, appliance);
  const key = appliance ? `start:${appliance}` : 'start';
  await recorder.defineSteps([{ key, title: appliance ? `start appliance ${appliance}` : 'start every appliance' }]);
  beginChanges();
  recorder.stepStarted(key);
  const { started } = await startVdc(runtime, vdc.id, {
    instance: engineConfig().instance,
    signal,
    appliance,
    onEvent: (e) => recorder.log(`${e.container} ${e.status}`),
  });
  recorder.log(started.length === 0 ? 'everything was running already' : `started ${started.join(', ')}`);
  if (!appliance) await restoreListeners(ctx);
  // Started on purpose: the flap guard counts this appliance's failures from here again.
  if ((await withFence(lease, (tx) => clearApplianceFlags(vdc.id, appliance, tx))) > 0) recorder.log('cleared the flap guard\'s flag');
  recorder.stepDone(key);
  return appliance ? {} : { state: 'running' };
};

/**
 * Edge listeners removed behind Colo's back come back with the VDC: start cannot recreate them
 * from labels, so they are rebuilt from the deployed revision (nothing else is touched). Also
 * what a worker-queued edge repair runs (deploy with `repair`).
 */
export async function restoreListeners({ vdc, recorder, lease, runtime, signal }: RunnerContext): Promise<void> {
  if (!vdc.deployedRevisionId) return;
  const revision = await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId } });
  if (!revision) return;
  const { manifest } = await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  // The deployed revision's secrets are stored already; should one be missing, it is saved under
  // the fence like a deploy would, never generated in memory only.
  const stored = await withFence(lease, async (tx) => addMissingSecrets(tx, vdc.id, await resolveChecked(manifest)));
  if ((await vdcEngineMode(vdc)).mode === 'swarm') {
    // Listeners are services there: Swarm restarts a dead task itself; a removed service comes back.
    const { desired, placement } = await computeDesired({ ...vdc, secrets: stored.sealed }, manifest, revision.id);
    const made = await repairSwarmListeners(getSwarmEngine().api, await previewSwarmPlan(desired, placement), { signal });
    if (made.length > 0) recorder.log(`restored edge listeners: ${made.map((name) => `create ${name}`).join(', ')}`);
    return;
  }
  const state = await computeDeploy({ ...vdc, secrets: stored.sealed }, manifest, revision.id);
  if (!state.plan.steps.some((s) => s.kind === 'listener' && s.action !== 'remove')) return;
  const { plan } = await repairListeners(runtime, state.desired, { signal });
  recorder.log(`restored edge listeners: ${plan.steps.filter((s) => s.kind === 'listener').map((s) => `${s.action} ${s.name}`).join(', ')}`);
}

export const runDestroy: Runner = async (ctx) => {
  const { op, vdc, recorder, runtime, beginChanges } = ctx;
  const purge = param<boolean>(op.params, 'purge') === true;
  if ((await vdcEngineMode(vdc)).mode === 'swarm') return swarmDestroy(ctx, purge);
  await recorder.defineSteps([{ key: 'destroy', title: purge ? 'remove containers, networks and volumes' : 'remove containers and networks (volumes kept)' }]);
  beginChanges();
  recorder.stepStarted('destroy');
  const removed = await destroyVdc(runtime, vdc.id, { instance: engineConfig().instance, purge });
  recorder.log(
    `removed ${removed.containers.length} containers, ${removed.listeners.length} edge listeners, ${removed.networks.length} networks` +
      (purge ? `, ${removed.volumes.length} volumes` : '; volumes kept (destroy with purge to remove them)'),
  );
  recorder.stepDone('destroy');
  return { state: 'destroyed', deployedRevisionId: null };
};
