// Carries a swarm plan out through the manager: networks first, services in boot order (a step
// finishes only once its service runs every replica of its new spec, health checks passed),
// removals last. Progress as events, like the single-host applyPlan.
import { runDag } from '../../apply/run-dag';
import { settleOutcomes } from '../../apply/settle-outcomes';
import { EngineError, isEngineError } from '../../engine-error';
import { belongsTo, LABEL, vdcLabelFilter } from '../../labels';
import type { SwarmApi } from './swarm-api';
import type { SwarmPlan, SwarmPlanStep } from './swarm-plan';
import type { DesiredService, DesiredSwarm, SwarmServiceSpec } from './swarm-types';
import { waitServiceConverged } from './wait-service';

export type SwarmStepStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface SwarmApplyEvent {
  stepId: string;
  step: SwarmPlanStep;
  status: SwarmStepStatus;
  message: string;
  /** Share of the plan's steps finished, 0–100. */
  percent: number;
}

export interface SwarmApplyOptions {
  onEvent?(event: SwarmApplyEvent): void;
  signal?: AbortSignal;
  /** Steps running at once; 4 unless told. */
  concurrency?: number;
  /** Added to each service's health timeout: scheduling, image load, task start. 60 s unless told. */
  startSlackMs?: number;
  /** Before a service is created or updated (shares: mounted on every node before their clients start). */
  beforeService?(service: DesiredService): Promise<void>;
}

export interface SwarmApplyResult {
  steps: { stepId: string; status: SwarmStepStatus; message: string }[];
  durationMs: number;
}

/** How long a removed network may stay in use by tasks still shutting down on their nodes. */
const NETWORK_RELEASE_MS = 60_000;

export async function applySwarmPlan(api: SwarmApi, plan: SwarmPlan, desired: DesiredSwarm, options: SwarmApplyOptions = {}): Promise<SwarmApplyResult> {
  const started = Date.now();
  if (plan.vdc.id !== desired.vdc.id || plan.instance !== desired.instance) {
    throw new EngineError('invalid_manifest', `plan is for VDC ${plan.vdc.id}, desired swarm for ${desired.vdc.id}`);
  }
  const scope = { instance: desired.instance, vdcId: desired.vdc.id };
  let finished = 0;
  const total = plan.steps.length;
  const emit = (step: SwarmPlanStep, status: SwarmStepStatus, message: string) =>
    options.onEvent?.({ stepId: step.id, step, status, message, percent: total === 0 ? 100 : Math.round((finished / total) * 100) });

  const run = async (step: SwarmPlanStep): Promise<string> => {
    if (step.kind === 'network') {
      if (step.action === 'remove') return removeNetworkWhenFree(api, step.name, options.signal);
      const n = desired.networks.find((x) => x.name === step.name);
      if (!n) throw new EngineError('invalid_manifest', `step ${step.id} names a network the desired swarm does not have`);
      try {
        await api.createNetwork(n.spec);
      } catch (error) {
        // Made by an attempt that died before it could say so: ours, so adopted.
        if (!isEngineError(error, 'conflict')) throw error;
        const found = (await api.listNetworks(vdcLabelFilter(scope))).find((x) => x.Name === n.name);
        if (!found || !belongsTo(found.Labels, scope)) throw new EngineError('name_taken', `network ${n.name} exists and is not this VDC's`);
      }
      return `network ${n.name} created`;
    }
    if (step.action === 'remove') {
      await api.removeService(step.name);
      await waitServiceConverged(api, { name: step.name, replicas: 0 }, { timeoutMs: 60_000, signal: options.signal }).catch(() => undefined);
      return `service ${step.name} removed`;
    }
    const d = desired.services.find((s) => s.name === step.name);
    if (!d) throw new EngineError('invalid_manifest', `step ${step.id} names a service the desired swarm does not have`);
    const replicas = step.replicas ?? d.replicas;
    await options.beforeService?.(d);
    await putService(api, d, replicas, scope, step.force === true);
    return waitServiceConverged(api, { name: d.name, specHash: d.specHash, replicas }, {
      timeoutMs: d.healthTimeoutMs + (options.startSlackMs ?? 60_000),
      signal: options.signal,
      onProgress: (message) => emit(step, 'running', message),
    });
  };

  const outcomes = await runDag(plan.steps, run, {
    concurrency: options.concurrency ?? 4,
    signal: options.signal,
    onStart: (step) => emit(step, 'running', `${step.action === 'remove' ? 'removing' : step.action === 'create' ? 'creating' : 'updating'} ${step.kind} ${step.name}`),
    onFinish: (step, outcome) => {
      finished++;
      emit(step, outcome.status, outcome.message);
    },
  });
  const steps = settleOutcomes(plan.steps, outcomes, { vdcName: plan.vdc.name, onto: 'the swarm', signal: options.signal });
  return { steps, durationMs: Date.now() - started };
}

/** Creates the service, or updates the one of that name when it is this VDC's (crash safety). */
async function putService(api: SwarmApi, d: DesiredService, replicas: number, scope: { instance: string; vdcId: string }, force: boolean): Promise<void> {
  const spec: SwarmServiceSpec = { ...d.spec, Mode: { Replicated: { Replicas: replicas } } };
  const found = await api.inspectService(d.name);
  if (!found) {
    await api.createService(spec);
    return;
  }
  if (!belongsTo(found.Spec.Labels, scope)) throw new EngineError('name_taken', `service ${d.name} exists and is not this VDC's`);
  const bump = (found.Spec.TaskTemplate.ForceUpdate ?? 0) + (force ? 1 : 0);
  await api.updateService(found.ID, found.Version.Index, { ...spec, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: bump } });
}

/**
 * Swarm refuses to remove a network some service still uses: bounded retry. Once removed from
 * the cluster, the manager keeps its own copy until the last local task on it is gone (measured:
 * still listed right after a successful remove), so this waits for that too: a VDC made again
 * at once must not find the old one.
 */
export async function removeNetworkWhenFree(api: SwarmApi, name: string, signal?: AbortSignal): Promise<string> {
  const until = Date.now() + NETWORK_RELEASE_MS;
  for (;;) {
    try {
      await api.removeNetwork(name);
      break;
    } catch (error) {
      // A task on a lost node holds its networks on the manager's books until the node is back
      // or removed from the swarm: waiting would not help, and failing would leave the rest.
      const lost = isEngineError(error, 'conflict') || /in use/i.test((error as Error).message) ? await lostNodes(api) : [];
      if (lost.length > 0) return `network ${name} kept: a task on the lost node ${lost.join(', ')} holds it (it goes once the node is back, or removed with colo node rm)`;
      if (Date.now() > until || signal?.aborted) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  for (;;) {
    const left = (await api.listNetworks([`${LABEL.managed}=true`])).some((n) => n.Name === name);
    if (!left) return `network ${name} removed`;
    if (Date.now() > until || signal?.aborted) return `network ${name} removed from the swarm (the manager still holds it for a task shutting down)`;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Hostnames of the swarm's nodes that are not ready (down, unknown, disconnected). */
export async function lostNodes(api: Pick<SwarmApi, 'listNodes'>): Promise<string[]> {
  return (await api.listNodes()).filter((n) => n.Status.State !== 'ready').map((n) => n.Description.Hostname).sort();
}
