// The edge listeners' part of a plan: create, re-point (reload), start or remove the listener of
// each published port. A listener follows its exposed appliance: it is created once that
// appliance is healthy, so the port never answers before something serves it.
import type { ActualContainer, ActualState } from '../actual-state';
import type { DesiredListener, DesiredState } from '../desired/types';
import type { PlanAction, PlanStep } from './types';

export interface ListenerChange {
  action: PlanAction;
  reason: string;
}

export function listenerChange(l: DesiredListener, found: ActualContainer | undefined, currentImageId: string | undefined): ListenerChange | undefined {
  const publishes = `${l.hostIp}:${l.hostPort} → ${l.target.appliance}.${l.target.terminal}`;
  if (!found) return { action: 'create', reason: `publishes ${publishes}` };
  if (found.specHash !== l.specHash) return { action: 'recreate', reason: `listener changed; publishes ${publishes}` };
  if (currentImageId && found.imageId !== currentImageId) return { action: 'recreate', reason: `image ${l.image} was rebuilt` };
  if (!found.networks.includes(l.networks[0].network)) return { action: 'recreate', reason: 'edge network attachment missing' };
  if (found.state === 'dead' || found.state === 'removing') return { action: 'recreate', reason: `listener is ${found.state}` };
  if (!found.networks.includes(l.target.network)) return { action: 'reconfigure', reason: `re-point to ${l.target.appliance}.${l.target.terminal}` };
  // On the right network but sending elsewhere: the exposed input's port changed (a new class).
  if (found.target !== undefined && found.target !== `${l.target.alias} ${l.target.port}`) {
    return { action: 'reconfigure', reason: `re-point to ${l.target.appliance}.${l.target.terminal} on port ${l.target.port}` };
  }
  if (found.state === 'created' || found.state === 'exited') return { action: 'start', reason: found.state === 'created' ? 'never started' : 'stopped' };
  return undefined;
}

type AddStep = (kind: 'listener', action: PlanAction, name: string, reason: string, appliance?: string) => PlanStep;

/**
 * Adds the listener steps. `containerSteps` are the steps of each appliance; `portHolders` the
 * steps that free a host port (containers of an older Colo published ports themselves).
 */
export function planListeners(
  desired: DesiredState,
  actual: ActualState,
  add: AddStep,
  containerSteps: Map<string, PlanStep[]>,
  portHolders: PlanStep[],
  networkStep: (name: string) => string,
): PlanStep[] {
  const steps: PlanStep[] = [];
  const actualByName = new Map(actual.listeners.map((l) => [l.name, l]));
  const wanted = new Set(desired.listeners.map((l) => l.name));
  for (const found of actual.listeners) {
    if (wanted.has(found.name)) continue;
    steps.push(add('listener', 'remove', found.name, `port ${found.labels['colo.edge-port'] ?? '?'} is no longer exposed`));
  }
  for (const l of desired.listeners) {
    const change = listenerChange(l, actualByName.get(l.name), actual.images[l.image]);
    if (!change) continue;
    const step = add('listener', change.action, l.name, change.reason, l.target.appliance);
    step.dependsOn.push(...l.networks.map((n) => networkStep(n.network)));
    step.dependsOn.push(...(containerSteps.get(l.target.appliance) ?? []).map((s) => s.id));
    step.dependsOn.push(...portHolders.map((s) => s.id));
    steps.push(step);
  }
  return steps;
}
