// deploy: validate the revision again (the catalog or other VDCs' ports may have changed since
// it was requested), make sure its secrets exist, plan against Docker, apply the plan.
import { getPrisma } from '@colo/db';
import { applyPlan, type PlanStep } from '@colo/engine';
import { computeDeploy } from '../../docker/deploy-state';
import { getRuntime } from '../../docker/engine-access';
import { ColoError } from '../../errors';
import { checkManifest } from '../../manifests/manifest-input';
import { sealSecrets, secretValues } from '../../secrets';
import type { Runner } from './types';

export function stepTitle(step: PlanStep): string {
  return `${step.action} ${step.kind} ${step.name}${step.reason ? ` (${step.reason})` : ''}`;
}

export const runDeploy: Runner = async ({ op, vdc, revision, recorder, beginChanges }) => {
  if (!revision) throw new ColoError('not_found', 'the revision to deploy no longer exists', { retryable: false });
  const repair = (op.params as { repair?: unknown } | null)?.repair;
  if (typeof repair === 'string') recorder.log(`repair queued by the worker: ${repair}`);
  const { manifest } = await checkManifest(vdc.ownerId, revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  const state = await computeDeploy(vdc, manifest, revision.id);
  recorder.redactValues(secretValues(state.secrets));
  if (state.added > 0) {
    // Saved before any container sees them: a retry must hand out the very same values.
    await getPrisma().vdc.update({ where: { id: vdc.id }, data: { secrets: sealSecrets(vdc.id, state.secrets) } });
    recorder.log(`generated ${state.added} secret${state.added === 1 ? '' : 's'}`);
  }
  const { plan } = state;
  const s = plan.summary;
  recorder.log(
    plan.steps.length === 0
      ? `revision ${revision.number}: nothing to change`
      : `revision ${revision.number}: ${s.create} to create, ${s.recreate} to recreate, ${s.start} to start, ${s.remove} to remove`,
  );
  await recorder.defineSteps(plan.steps.map((step) => ({ key: step.id, title: stepTitle(step) })));
  if (plan.steps.length > 0) {
    beginChanges();
    await applyPlan(getRuntime(), plan, state.desired, {
      onEvent: (e) => {
        const title = stepTitle(e.step);
        if (e.status === 'running') recorder.stepStarted(e.stepId, title);
        else if (e.status === 'done') recorder.stepDone(e.stepId, title);
        else if (e.status === 'skipped') recorder.stepSkipped(e.stepId);
        else recorder.stepFailed(e.stepId, e.message, title);
      },
    });
  }
  return { state: 'running', deployedRevisionId: revision.id };
};
