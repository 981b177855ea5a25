// From what Docker runs (the status body) and what the running operation is doing (its steps),
// the one word each canvas node shows. Pure, so the rules are unit-tested without a browser.
import type { ApplianceStatusBody, NodeLive, NodeLiveState, OperationBody, StepBody, VdcStatusBody } from './types';

const STOPPED_STATES = new Set(['exited', 'created', 'dead', 'paused']);

/** The state Docker shows for one appliance, ignoring any operation. */
export function applianceLiveState(appliance: ApplianceStatusBody): NodeLiveState {
  const { containers } = appliance;
  if (appliance.flagged) return 'flagged';
  if (containers.length === 0) return 'absent';
  const running = containers.filter((c) => c.state === 'running');
  if (containers.some((c) => c.state === 'restarting' || c.state === 'dead')) return 'unhealthy';
  if (running.some((c) => c.health === 'unhealthy')) return 'unhealthy';
  if (running.length === 0) return 'stopped';
  if (running.some((c) => c.health === 'starting')) return 'starting';
  // Some replicas up and others down (not stopped on purpose as a whole): something is wrong.
  if (containers.some((c) => STOPPED_STATES.has(c.state ?? ''))) return 'unhealthy';
  return 'healthy';
}

/** What a running step does to its node: a create shows "creating" until its container runs. */
function stepLiveState(step: StepBody, appliance: ApplianceStatusBody | undefined): NodeLiveState | undefined {
  if (step.status !== 'running') return undefined;
  const kindAndName = step.key.split(':');
  if (kindAndName[0] !== 'container') return undefined;
  const container = appliance?.containers.find((c) => c.name === kindAndName[1]);
  if (/^(create|recreate) /.test(step.title)) return container?.state === 'running' ? 'starting' : 'creating';
  if (/^start /.test(step.title)) return 'starting';
  return undefined;
}

/** Steps for an appliance's containers win over Docker's picture while the operation runs. */
const STEP_PRIORITY: NodeLiveState[] = ['creating', 'starting'];

export function deriveNodes(status: VdcStatusBody | undefined, operation: OperationBody | undefined): Record<string, NodeLive> {
  const nodes: Record<string, NodeLive> = {};
  const byName = new Map((status?.appliances ?? []).map((a) => [a.name, a]));
  for (const a of byName.values()) {
    nodes[a.name] = { state: applianceLiveState(a), running: a.replicas.running, desired: a.replicas.desired };
    if (a.problem) nodes[a.name].reason = a.problem;
  }
  if (operation?.status === 'failed') return markFailed(nodes, byName, operation);
  if (!operation || (operation.status !== 'running' && operation.status !== 'queued')) return nodes;
  if (operation.kind === 'deploy') applyDeployTargets(nodes, byName, operation.steps);
  for (const step of operation.steps) {
    if (!step.appliance) continue;
    const appliance = byName.get(step.appliance);
    const state = stepLiveState(step, appliance);
    if (!state) continue;
    nodes[step.appliance] ??= { state: 'absent', running: 0, desired: 0 };
    const node = nodes[step.appliance];
    // Of several replicas in flight, the one furthest behind names the node's state.
    const current = STEP_PRIORITY.indexOf(node.state);
    const next = STEP_PRIORITY.indexOf(state);
    if (current === -1 || next < current) node.state = state;
  }
  return nodes;
}

/**
 * The appliance the last operation failed on reads `failed` with the plain reason, whatever
 * Docker shows of it (a healthy container behind a port it could not publish is not working):
 * until the next operation, the failure is the news. A failed deploy's plan still says how many
 * replicas were wanted.
 */
function markFailed(nodes: Record<string, NodeLive>, byName: Map<string, ApplianceStatusBody>, operation: OperationBody): Record<string, NodeLive> {
  const failure = operation.failure;
  if (operation.kind === 'deploy') applyDeployTargets(nodes, byName, operation.steps);
  if (!failure?.appliance) return nodes;
  nodes[failure.appliance] ??= { state: 'absent', running: 0, desired: 0 };
  const node = nodes[failure.appliance];
  node.state = 'failed';
  node.reason = failure.message;
  return nodes;
}

/**
 * Status counts desired replicas from the revision deployed last; while a deploy runs, the
 * revision it applies is the target. Its plan names every container the appliance will have:
 * those it creates, recreates or starts, plus those it leaves alone, minus those it removes.
 */
function applyDeployTargets(nodes: Record<string, NodeLive>, byName: Map<string, ApplianceStatusBody>, steps: StepBody[]): void {
  const names = new Map<string, Set<string>>();
  const removed = new Set<string>();
  for (const step of steps) {
    const [kind, name] = step.key.split(':');
    if (kind !== 'container' || !step.appliance || !name) continue;
    if (/^remove /.test(step.title)) removed.add(name);
    else names.set(step.appliance, (names.get(step.appliance) ?? new Set()).add(name));
  }
  if (names.size === 0 && removed.size === 0) return;
  const appliances = new Set([...names.keys(), ...byName.keys()]);
  for (const appliance of appliances) {
    const target = new Set([...(names.get(appliance) ?? []), ...(byName.get(appliance)?.containers.map((c) => c.name) ?? [])]);
    for (const name of removed) target.delete(name);
    nodes[appliance] ??= { state: 'absent', running: 0, desired: 0 };
    nodes[appliance].desired = target.size;
  }
}
