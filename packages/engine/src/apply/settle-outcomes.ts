// What a deploy's DAG run comes to, on one host (applyPlan) or on a swarm (applySwarmPlan): each
// step's status, a step never reached counting as skipped, and the one error that fails the
// operation: `aborted` when the signal stopped it short (planning and applying again resumes it),
// else `step_failed` naming the first failed step, with that step's error as its cause.
import { EngineError } from '../engine-error';
import type { TaskOutcome } from './run-dag';

export interface SettledStep {
  stepId: string;
  status: TaskOutcome['status'];
  message: string;
}

export interface SettleOptions {
  /** The VDC's name, as the error says it. */
  vdcName: string;
  /** Where it went when not to one host: `the swarm` makes a failure read `deploy of VDC shop onto the swarm failed at …`. */
  onto?: string;
  signal?: AbortSignal;
}

/** The steps in plan order, or throws when the deploy did not finish every one of them. */
export function settleOutcomes(steps: readonly { id: string }[], outcomes: ReadonlyMap<string, TaskOutcome>, options: SettleOptions): SettledStep[] {
  const settled = steps.map((s): SettledStep => {
    const outcome = outcomes.get(s.id);
    return { stepId: s.id, status: outcome?.status ?? 'skipped', message: outcome?.message ?? '' };
  });
  if (options.signal?.aborted && settled.some((s) => s.status !== 'done')) {
    throw new EngineError('aborted', `deploy of VDC ${options.vdcName} aborted; planning and applying again resumes it`);
  }
  const failed = settled.filter((s) => s.status === 'failed');
  const first = failed[0];
  if (first) {
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed step${failed.length > 2 ? 's' : ''})` : '';
    const cause = outcomes.get(first.stepId);
    throw new EngineError('step_failed', `deploy of VDC ${options.vdcName}${options.onto ? ` onto ${options.onto}` : ''} failed at ${first.stepId}: ${first.message}${more}`, {
      cause: cause && 'error' in cause ? cause.error : undefined,
    });
  }
  return settled;
}
