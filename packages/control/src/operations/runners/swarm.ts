// The runners' swarm path (docker/engine-mode.ts chose it): deploy pushes the class images to
// Colo's registry (a step of its own, with progress), then plans and applies through the swarm
// deployer; stop, start and destroy work from the services' labels like their single-host twins.
import { destroySwarmVdc, nodeInfo, removeShare, type SwarmPlacementOptions, type SwarmPlanStep, startSwarmAppliances, startSwarmVdc, stopSwarmAppliances, stopSwarmVdc, vdcLabelFilter } from '@colo/engine';
import { controlEnv, decodeSecretKey } from '../../config';
import { vdcScope } from '../../docker/engine-access';
import { getSwarmEngine, nodeAccess, nodeEngine } from '../../docker/engine-mode';
import { deploySwarm, pushSwarmImages, shareImage } from '../../docker/swarm-vdc';
import type { DesiredState, Runtime } from '@colo/engine';
import type { StepDef } from '../recorder';
import type { RunnerContext, RunnerOutcome } from './types';

const swarmStepTitle = (s: SwarmPlanStep) => `${s.action} ${s.kind} ${s.name}${s.reason ? ` (${s.reason})` : ''}`;

export async function deploySwarmRevision(
  ctx: RunnerContext,
  desired: DesiredState,
  placement: SwarmPlacementOptions,
  revisionNumber: number,
  done: StepDef[],
): Promise<void> {
  const { recorder, signal, beginChanges } = ctx;
  const imagesStep = { key: 'images', title: "push class images to Colo's registry" };
  await recorder.defineSteps([imagesStep, { key: 'swarm', title: 'deploy onto the swarm' }], { done });
  beginChanges();
  recorder.stepStarted('images');
  const images = await pushSwarmImages(desired, (ref, reference, i, total) => {
    recorder.log(`image ${i}/${total}: ${ref} → ${reference}`);
    recorder.stepProgress(0, i / total);
  });
  recorder.stepDone('images');
  const steps: StepDef[] = [];
  const planned = await deploySwarm(desired, images, placement, {
    signal,
    onLog: (line) => recorder.log(line),
    onEvent: (e) => {
      const title = swarmStepTitle(e.step);
      if (e.status === 'running') recorder.log(`${title}: ${e.message}`);
      else if (e.status === 'failed') recorder.log(`${title} failed: ${e.message}`);
      else if (e.status === 'done') {
        steps.push({ key: e.stepId, title });
        recorder.log(`${title}: ${e.message}`);
      }
      recorder.stepProgress(1, e.percent / 100);
    },
  });
  const s = planned.plan.summary;
  recorder.log(
    planned.plan.steps.length === 0
      ? `revision ${revisionNumber}: nothing to change on the swarm`
      : `revision ${revisionNumber}: ${s.create} to create, ${s.update} to update, ${s.remove} to remove on the swarm`,
  );
  for (const note of planned.plan.notes) recorder.log(`note: ${note}`);
  recorder.stepDone('swarm');
}

export async function swarmStop({ vdc, recorder, signal, beginChanges }: RunnerContext, appliance?: string): Promise<RunnerOutcome> {
  const api = getSwarmEngine().api;
  if (appliance) {
    await recorder.defineSteps([{ key: `stop:${appliance}`, title: `stop appliance ${appliance} (its service to 0 replicas)` }]);
    beginChanges();
    recorder.stepStarted(`stop:${appliance}`);
    const stopped = await stopSwarmAppliances(api, vdcScope(vdc), new Set([appliance]), { signal, onProgress: (m) => recorder.log(m) });
    recorder.log(stopped.length === 0 ? `${appliance} has no service on the swarm: nothing was running` : `stopped ${stopped.join(', ')}`);
    recorder.stepDone(`stop:${appliance}`);
    // Stopping one appliance leaves the VDC as it was, as on one host.
    return {};
  }
  await recorder.defineSteps([{ key: 'stop', title: 'stop every appliance (services to 0 replicas)' }]);
  beginChanges();
  recorder.stepStarted('stop');
  await stopSwarmVdc(api, vdcScope(vdc), { signal, onProgress: (m) => recorder.log(m) });
  recorder.stepDone('stop');
  return { state: 'stopped' };
}

export async function swarmStart({ vdc, recorder, signal, beginChanges }: RunnerContext, appliance?: string): Promise<RunnerOutcome> {
  const api = getSwarmEngine().api;
  if (appliance) {
    await recorder.defineSteps([{ key: `start:${appliance}`, title: `start appliance ${appliance} (its service back to its replicas)` }]);
    beginChanges();
    recorder.stepStarted(`start:${appliance}`);
    const started = await startSwarmAppliances(api, vdcScope(vdc), new Set([appliance]), { signal, onProgress: (m) => recorder.log(m) });
    recorder.log(started.length === 0 ? `${appliance} has no service to start on the swarm` : `started ${started.join(', ')}`);
    recorder.stepDone(`start:${appliance}`);
    return {};
  }
  await recorder.defineSteps([{ key: 'start', title: 'start every appliance (services back to their replicas)' }]);
  beginChanges();
  recorder.stepStarted('start');
  await startSwarmVdc(api, vdcScope(vdc), { signal, onProgress: (m) => recorder.log(m) });
  recorder.stepDone('start');
  return { state: 'running' };
}

export async function swarmDestroy({ vdc, recorder, signal, beginChanges, fence }: RunnerContext, purge: boolean): Promise<RunnerOutcome> {
  await recorder.defineSteps([{ key: 'destroy', title: purge ? 'remove services, shares, networks and the volumes on every node' : 'remove services, shares and networks (volumes kept on their nodes)' }]);
  beginChanges();
  recorder.stepStarted('destroy');
  const engine = getSwarmEngine();
  await destroySwarmVdc(engine.api, vdcScope(vdc), {
    signal,
    onProgress: (m) => recorder.log(m),
    removeShares: async (keys) => {
      const deps = engine.shareDeps({ nodes: nodeAccess('remove the shares'), image: shareImage(), secret: decodeSecretKey(controlEnv().COLO_SECRET_KEY) as Buffer });
      for (const key of keys) {
        const kept = await removeShare({ ...deps, signal }, key);
        if (kept) recorder.log(kept);
      }
    },
  });
  if (purge) await purgeVolumes({ vdc, recorder, fence });
  recorder.stepDone('destroy');
  return { state: 'destroyed', deployedRevisionId: null };
}

/** destroy --purge: the VDC's volumes on every node that answers; a lost node's are said, not forgotten. */
async function purgeVolumes({ vdc, recorder, fence }: Pick<RunnerContext, 'vdc' | 'recorder' | 'fence'>): Promise<void> {
  const scope = vdcScope(vdc);
  const nodes = (await getSwarmEngine().api.listNodes()).map(nodeInfo);
  for (const node of nodes) {
    if (node.state !== 'ready') {
      recorder.log(`node ${node.hostname} is ${node.state}: any volume of ${vdc.name} on it stays until it is back (destroy with purge again then)`);
      continue;
    }
    const runtime = fence((await nodeEngine(node.id, 'remove volumes on the nodes')).runtime);
    const volumes = await runtime.listVolumes(vdcLabelFilter(scope));
    for (const v of volumes) await removeWhenReleased(runtime, v.name);
    if (volumes.length > 0) recorder.log(`removed ${volumes.map((v) => v.name).join(', ')} on ${node.hostname}`);
  }
}

/** Swarm removes a stopped task's container a moment after the service: its volume is free then. */
async function removeWhenReleased(runtime: Runtime, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runtime.removeVolume(name);
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
