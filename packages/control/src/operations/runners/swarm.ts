// The runners' swarm path (docker/engine-mode.ts chose it): deploy pushes the class images to
// Colo's registry (a step of its own, with progress), then plans and applies through the swarm
// deployer; stop, start and destroy work from the services' labels like their single-host twins.
import { destroySwarmVdc, removeShare, type SwarmPlacementOptions, type SwarmPlanStep, startSwarmVdc, stopSwarmVdc } from '@colo/engine';
import { controlEnv, decodeSecretKey } from '../../config';
import { vdcScope } from '../../docker/engine-access';
import { ColoError } from '../../errors';
import { getSwarmEngine, nodeAccess } from '../../docker/engine-mode';
import { deploySwarm, pushSwarmImages, shareImage } from '../../docker/swarm-vdc';
import type { DesiredState } from '@colo/engine';
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

/** One appliance alone is not stopped or started on a swarm yet: said, never done by halves. */
function wholeVdcOnly(appliance: string | undefined): void {
  if (appliance) throw new ColoError('bad_request', `stopping or starting one appliance (${appliance}) is not done on a swarm yet: stop or start the whole VDC`, { retryable: false });
}

export async function swarmStop({ vdc, recorder, signal, beginChanges }: RunnerContext, appliance?: string): Promise<RunnerOutcome> {
  wholeVdcOnly(appliance);
  await recorder.defineSteps([{ key: 'stop', title: 'stop every appliance (services to 0 replicas)' }]);
  beginChanges();
  recorder.stepStarted('stop');
  await stopSwarmVdc(getSwarmEngine().api, vdcScope(vdc), { signal, onProgress: (m) => recorder.log(m) });
  recorder.stepDone('stop');
  return { state: 'stopped' };
}

export async function swarmStart({ vdc, recorder, signal, beginChanges }: RunnerContext, appliance?: string): Promise<RunnerOutcome> {
  wholeVdcOnly(appliance);
  await recorder.defineSteps([{ key: 'start', title: 'start every appliance (services back to their replicas)' }]);
  beginChanges();
  recorder.stepStarted('start');
  await startSwarmVdc(getSwarmEngine().api, vdcScope(vdc), { signal, onProgress: (m) => recorder.log(m) });
  recorder.stepDone('start');
  return { state: 'running' };
}

export async function swarmDestroy({ vdc, recorder, signal, beginChanges }: RunnerContext, purge: boolean): Promise<RunnerOutcome> {
  await recorder.defineSteps([{ key: 'destroy', title: 'remove services, shares and networks (volumes kept on their nodes)' }]);
  beginChanges();
  recorder.stepStarted('destroy');
  if (purge) recorder.log('on a swarm the volumes stay on their nodes: purge is not done yet');
  const engine = getSwarmEngine();
  await destroySwarmVdc(engine.api, vdcScope(vdc), {
    signal,
    onProgress: (m) => recorder.log(m),
    removeShares: async (keys) => {
      const deps = engine.shareDeps({ nodes: nodeAccess('remove the shares'), image: shareImage(), secret: decodeSecretKey(controlEnv().COLO_SECRET_KEY) as Buffer });
      for (const key of keys) await removeShare({ ...deps, signal }, key);
    },
  });
  recorder.stepDone('destroy');
  return { state: 'destroyed', deployedRevisionId: null };
}
