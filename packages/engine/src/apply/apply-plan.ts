// applyPlan: carries a plan out against a runtime. Independent steps run in parallel; a client
// starts only once its servers are healthy; a failed step fails what depends on it and, at the
// end, the whole operation, with an error that names the container and why.
import type { DesiredContainer, DesiredState } from '../desired/types';
import { drainReplica } from '../edge/drain-replica';
import { retargetListener } from '../edge/reconfigure-listener';
import { reattachContainer } from './reattach-container';
import { EngineError } from '../engine-error';
import type { VdcScope } from '../labels';
import type { Plan, PlanStep } from '../plan/types';
import type { Runtime } from '../runtime/runtime';
import { type ContainerStepContext, ensureContainer, removeContainer, startContainer } from './ensure-container';
import { ensureNetwork, ensureVolume } from './ensure-network-volume';
import { runDag } from './run-dag';
import { settleOutcomes } from './settle-outcomes';

export type StepStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface ApplyEvent {
  stepId: string;
  step: PlanStep;
  status: StepStatus;
  message: string;
  /** Share of the plan's steps finished (done, failed or skipped), 0–100. */
  percent: number;
}

export interface ApplyOptions {
  onEvent?(event: ApplyEvent): void;
  signal?: AbortSignal;
  /** Steps running at once; 8 unless told. */
  concurrency?: number;
  /** Seconds a container gets to stop before it is killed; 10 unless told. */
  stopTimeoutSeconds?: number;
  /**
   * Wait for a step's servers to be healthy before it starts (the boot order); true unless told.
   * A repair of listeners alone does not: a listener serves nothing until its appliance runs, and
   * an appliance the user stopped stays stopped.
   */
  awaitServers?: boolean;
  /** Pause between two replicas of a rolling update, after the first is healthy; ROLLING_SETTLE_MS unless told. */
  rollingSettleMs?: number;
}

/**
 * A balancer in a VDC finds replicas through Docker's DNS and checks them before use (halb:
 * answers held 1 s, a check every second): 3 s lets it take the new replica in before the next
 * one leaves.
 */
export const ROLLING_SETTLE_MS = 3000;

function settle(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export interface ApplyResult {
  steps: { stepId: string; status: StepStatus; message: string }[];
  durationMs: number;
}

export async function applyPlan(runtime: Runtime, plan: Plan, desired: DesiredState, options: ApplyOptions = {}): Promise<ApplyResult> {
  const started = Date.now();
  const scope: VdcScope = { instance: desired.instance, vdcId: desired.vdc.id };
  if (plan.instance !== scope.instance || plan.vdc.id !== scope.vdcId) {
    throw new EngineError('invalid_manifest', `plan is for VDC ${plan.vdc.id}, desired state for ${scope.vdcId}`);
  }
  const containers = new Map(desired.containers.map((c) => [c.name, c]));
  const ctx: ContainerStepContext = {
    runtime,
    scope,
    signal: options.signal,
    stopTimeoutSeconds: options.stopTimeoutSeconds ?? 10,
    waitForServers: (c) => (options.awaitServers === false ? Promise.resolve() : waitForServers(runtime, desired, c, options.signal)),
  };

  const run = async (step: PlanStep): Promise<string> => {
    if (step.kind === 'network') {
      if (step.action === 'remove') return runtime.removeNetwork(step.name).then(() => `network ${step.name} removed`);
      return ensureNetwork(runtime, find(desired.networks, step), scope);
    }
    if (step.kind === 'volume') return ensureVolume(runtime, find(desired.volumes, step), scope);
    if (step.rollingAfter) await settle(options.rollingSettleMs ?? ROLLING_SETTLE_MS, options.signal);
    if (step.kind === 'container' && (step.action === 'remove' || step.action === 'recreate')) {
      // A replica behind a published port leaves only once its listeners stopped sending to it.
      const serving = desired.listeners.filter((l) => l.target.appliance === step.appliance);
      const release = await drainReplica(runtime, step.name, serving);
      try {
        return step.action === 'remove' ? await removeContainer(ctx, step.name) : await ensureContainer(ctx, container(step), true);
      } finally {
        await release();
      }
    }
    if (step.action === 'remove') return removeContainer(ctx, step.name);
    if (step.kind === 'listener') {
      const l = find(desired.listeners, step);
      if (step.action === 'reconfigure') return retargetListener(runtime, l, l.target, { signal: options.signal });
      if (step.action === 'start') {
        // It comes back where it was last pointed; the desired target may differ (an entry
        // switched while it was stopped): point it there (a no-op reload when it is the same).
        await startContainer(ctx, l);
        return retargetListener(runtime, l, l.target, { signal: options.signal });
      }
      return ensureContainer(ctx, l, step.action === 'recreate');
    }
    const c = container(step);
    if (step.action === 'reconfigure') return reattachContainer(runtime, c, () => startContainer(ctx, c));
    if (step.action === 'start') return startContainer(ctx, c);
    return ensureContainer(ctx, c, step.action === 'recreate');
  };
  const container = (step: PlanStep): DesiredContainer => {
    const c = containers.get(step.name);
    if (!c) throw new EngineError('invalid_manifest', `step ${step.id} names a container the desired state does not have`);
    return c;
  };

  let finished = 0;
  const total = plan.steps.length;
  const emit = (step: PlanStep, status: StepStatus, message: string) =>
    options.onEvent?.({ stepId: step.id, step, status, message, percent: total === 0 ? 100 : Math.round((finished / total) * 100) });

  const outcomes = await runDag(plan.steps, run, {
    concurrency: options.concurrency ?? 8,
    signal: options.signal,
    onStart: (step) => emit(step, 'running', `${verb(step)} ${step.kind} ${step.name}`),
    onFinish: (step, outcome) => {
      finished++;
      emit(step, outcome.status, outcome.message);
    },
  });

  const steps = settleOutcomes(plan.steps, outcomes, { vdcName: plan.vdc.name, signal: options.signal });
  return { steps, durationMs: Date.now() - started };
}

/** Waits for the running containers of every appliance `c` boots after (standby ones excepted). */
async function waitForServers(runtime: Runtime, desired: DesiredState, c: DesiredContainer, signal?: AbortSignal): Promise<void> {
  const servers = desired.containers.filter((s) => c.after.includes(s.appliance) && !s.standby);
  await Promise.all(
    servers.map((s) =>
      runtime.waitHealthy(s.name, { timeoutMs: s.healthTimeoutMs, signal }).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EngineError('unhealthy', `${c.name} waits for ${s.appliance}, which is not healthy: ${reason}`, { cause: error });
      }),
    ),
  );
}

function find<T extends { name: string }>(list: T[], step: PlanStep): T {
  const found = list.find((x) => x.name === step.name);
  if (!found) throw new EngineError('invalid_manifest', `step ${step.id} names a ${step.kind} the desired state does not have`);
  return found;
}

function verb(step: PlanStep): string {
  return { create: 'creating', recreate: 'recreating', remove: 'removing', start: 'starting', reconfigure: 'reconfiguring' }[step.action];
}
