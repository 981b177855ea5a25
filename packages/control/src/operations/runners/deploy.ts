// deploy: validate the revision again (the catalog or other VDCs' ports may have changed since
// it was requested), make sure its secrets exist, plan against Docker, apply the plan.
import { applyPlan, type PlanStep } from '@colo/engine';
import { addMissingSecrets } from '../../add-missing-secrets';
import { computeDeploy, computeDesired } from '../../docker/deploy-state';
import { vdcEngineMode } from '../../docker/engine-mode';
import { resolvedCustomImageIssues } from '../../custom-images/custom-image-issues';
import { ColoError } from '../../errors';
import { clearApplianceFlags } from '../../failures/appliance-flags';
import { checkManifest, invalidManifest, resolveChecked, ownerOfVdc } from '../../manifests/manifest-input';
import { secretValues } from '../../secrets';
import { withFence } from '../fence';
import { restoreListeners } from './lifecycle';
import { deploySwarmRevision } from './swarm';
import type { StepDef } from '../recorder';
import type { Runner, RunnerContext, RunnerOutcome } from './types';

export function stepTitle(step: PlanStep): string {
  return `${step.action} ${step.kind} ${step.name}${step.reason ? ` (${step.reason})` : ''}`;
}

export const runDeploy: Runner = (ctx) => deployRevision(ctx);

/** A deploy of `ctx.revision`; `done` are steps this run finished before it (a restore's). */
export async function deployRevision(ctx: RunnerContext, done: StepDef[] = []): Promise<RunnerOutcome> {
  const { op, vdc, revision, recorder, lease, runtime, signal, beginChanges } = ctx;
  if (!revision) throw new ColoError('not_found', 'the revision to deploy no longer exists', { retryable: false });
  const repair = (op.params as { repair?: unknown } | null)?.repair;
  if (typeof repair === 'string') {
    // The worker's edge check: only the listeners are brought back (created or started), so an
    // appliance the user stopped stays stopped and nothing else of the VDC is touched.
    recorder.log(`repair queued by the worker: ${repair}`);
    await recorder.defineSteps([{ key: 'edge', title: 'restore edge listeners' }], { done });
    if (vdc.state !== 'running') {
      // Something ran between the check and this run (a stop, a destroy): nothing to restore.
      recorder.stepSkipped('edge');
      recorder.log(`the VDC is ${vdc.state} now: nothing to repair`);
      return {};
    }
    beginChanges();
    recorder.stepStarted('edge');
    await restoreListeners(ctx);
    recorder.stepDone('edge');
    return {};
  }
  const { manifest } = await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  // Saved before any container sees them, and only by the run holding the fence: every run and
  // retry hands out the very values stored, never ones it generated and lost a race with.
  const resolved = await resolveChecked(manifest);
  const imageIssues = await resolvedCustomImageIssues(resolved);
  if (imageIssues.length > 0) throw invalidManifest(imageIssues);
  const stored = await withFence(lease, (tx) => addMissingSecrets(tx, vdc.id, resolved));
  recorder.redactValues(secretValues(stored.secrets));
  if (stored.added > 0) recorder.log(`generated ${stored.added} secret${stored.added === 1 ? '' : 's'}`);
  const mode = await vdcEngineMode(vdc);
  if (mode.note) recorder.log(mode.note);
  if (mode.mode === 'swarm') {
    const { desired, placement } = await computeDesired({ ...vdc, secrets: stored.sealed }, manifest, revision.id);
    await deploySwarmRevision(ctx, desired, placement, revision.number, done);
    if ((await withFence(lease, (tx) => clearApplianceFlags(vdc.id, undefined, tx))) > 0) recorder.log('cleared the flap guard\'s flags');
    return { state: 'running', deployedRevisionId: revision.id };
  }
  const state = await computeDeploy({ ...vdc, secrets: stored.sealed }, manifest, revision.id);
  const { plan } = state;
  const s = plan.summary;
  recorder.log(
    plan.steps.length === 0
      ? `revision ${revision.number}: nothing to change`
      : `revision ${revision.number}: ${s.create} to create, ${s.recreate} to recreate, ${s.start} to start, ${s.remove} to remove`,
  );
  await recorder.defineSteps(
    plan.steps.map((step) => ({ key: step.id, title: stepTitle(step) })),
    { done },
  );
  if (plan.steps.length > 0) {
    beginChanges();
    await applyPlan(runtime, plan, state.desired, {
      signal,
      onEvent: (e) => {
        const title = stepTitle(e.step);
        if (e.status === 'running') recorder.stepStarted(e.stepId, title);
        else if (e.status === 'done') recorder.stepDone(e.stepId, title);
        else if (e.status === 'skipped') recorder.stepSkipped(e.stepId);
        else recorder.stepFailed(e.stepId, e.message, title);
      },
    });
  }
  // Every appliance of the revision runs again: whatever the flap guard had stopped is cleared.
  if ((await withFence(lease, (tx) => clearApplianceFlags(vdc.id, undefined, tx))) > 0) recorder.log('cleared the flap guard\'s flags');
  return { state: 'running', deployedRevisionId: revision.id };
}
