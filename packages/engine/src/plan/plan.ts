// planDeploy: the difference between what a VDC should have and what Docker has, as ordered
// steps. Only the difference: an unchanged container gets no step, so re-applying is a no-op.
import type { ActualContainer, ActualState } from '../actual-state';
import { countNetworks } from '../desired/networks';
import type { DesiredContainer, DesiredState } from '../desired/types';
import { planListeners } from './plan-listeners';
import type { Plan, PlanAction, PlanKind, PlanStep, PlanSummary } from './types';

const stepId = (kind: PlanKind, name: string) => `${kind}:${name}`;

export function planDeploy(desired: DesiredState, actual: ActualState): Plan {
  const steps: PlanStep[] = [];
  const add = (kind: PlanKind, action: PlanAction, name: string, reason: string, appliance?: string) => {
    const step: PlanStep = { id: stepId(kind, name), action, kind, name, reason, dependsOn: [] };
    if (appliance !== undefined) step.appliance = appliance;
    steps.push(step);
    return step;
  };

  const actualNetworks = new Set(actual.networks.map((n) => n.name));
  for (const n of desired.networks) {
    if (!actualNetworks.has(n.name)) add('network', 'create', n.name, n.purpose);
  }
  const actualVolumes = new Set(actual.volumes.map((v) => v.name));
  for (const v of desired.volumes) {
    if (!actualVolumes.has(v.name)) add('volume', 'create', v.name, `instance volume ${v.volume} of ${v.appliance}`, v.appliance);
  }

  const desiredNames = new Set(desired.containers.map((c) => c.name));
  const desiredAppliances = new Map<string, number>();
  for (const c of desired.containers) desiredAppliances.set(c.appliance, (desiredAppliances.get(c.appliance) ?? 0) + 1);
  for (const c of actual.containers) {
    if (desiredNames.has(c.name)) continue;
    const wanted = desiredAppliances.get(c.appliance);
    const reason = wanted === undefined ? `appliance ${c.appliance} is no longer in the manifest` : `replicas: ${wanted}`;
    add('container', 'remove', c.name, reason, c.appliance);
  }

  const actualByName = new Map(actual.containers.map((c) => [c.name, c]));
  const existingAppliances = new Set(actual.containers.map((c) => c.appliance));
  const containerSteps = new Map<string, PlanStep[]>();
  for (const c of desired.containers) {
    const found = actualByName.get(c.name);
    const change = containerChange(c, found, actual.images[c.image], existingAppliances.has(c.appliance));
    if (!change) continue;
    const step = add('container', change.action, c.name, change.reason, c.appliance);
    step.dependsOn.push(...c.networks.map((n) => stepId('network', n.network)), ...c.volumes.map((v) => stepId('volume', v)));
    containerSteps.set(c.appliance, [...(containerSteps.get(c.appliance) ?? []), step]);
  }
  // Replica by replica: of an appliance whose running replicas are all replaced, each one goes
  // only once the one before it is back and healthy, so its load balancer always has some.
  for (const applianceSteps of containerSteps.values()) {
    const replaced = applianceSteps.filter((s) => s.action === 'recreate');
    if (replaced.length < 2) continue;
    for (let i = 1; i < replaced.length; i++) {
      replaced[i].dependsOn.push(replaced[i - 1].id);
      replaced[i].rollingAfter = replaced[i - 1].name;
      replaced[i].reason += ` (rolling, after ${replaced[i - 1].name})`;
    }
  }
  // Servers before clients: a container's steps wait for every step of the appliances it boots after.
  for (const c of desired.containers) {
    const step = steps.find((s) => s.id === stepId('container', c.name));
    if (!step) continue;
    for (const server of c.after) step.dependsOn.push(...(containerSteps.get(server) ?? []).map((s) => s.id));
  }

  // A host port held by a container on its way out (an older Colo published ports from the
  // appliance itself) must be free before a listener binds it.
  const publishing = new Set([...actual.containers, ...actual.listeners].filter((c) => c.ports.length > 0).map((c) => c.name));
  const portHolders = steps.filter((s) => (s.action === 'remove' || s.action === 'recreate') && publishing.has(s.name));
  planListeners(desired, actual, add, containerSteps, portHolders, (name) => stepId('network', name));

  const desiredNetworks = new Set(desired.networks.map((n) => n.name));
  const detaching = steps.filter((s) => (s.kind === 'container' || s.kind === 'listener') && s.action !== 'start' && s.action !== 'create');
  for (const n of actual.networks) {
    if (desiredNetworks.has(n.name)) continue;
    const step = add('network', 'remove', n.name, 'no longer used');
    step.dependsOn.push(...detaching.map((s) => s.id));
  }

  const ids = new Set(steps.map((s) => s.id));
  for (const s of steps) s.dependsOn = [...new Set(s.dependsOn)].filter((d) => ids.has(d) && d !== s.id);
  const ordered = topologicalOrder(steps);
  return {
    vdc: desired.vdc,
    instance: desired.instance,
    revisionId: desired.revisionId,
    steps: ordered,
    summary: summarizePlan(ordered),
    networks: countNetworks(desired.networks),
  };
}

function containerChange(
  c: DesiredContainer,
  found: ActualContainer | undefined,
  currentImageId: string | undefined,
  applianceExists: boolean,
): { action: PlanAction; reason: string } | undefined {
  if (!found) return { action: 'create', reason: applianceExists ? 'new replica' : 'new' };
  if (found.state === 'dead' || found.state === 'removing') return { action: 'recreate', reason: `container is ${found.state}` };
  // Which networks it sits on is not a reason to restart it: a wire added to or taken from a
  // server joins or leaves it live (the label's `networks` hash then stays behind, and what
  // counts is the attachments Docker reports).
  const reattachable = c.networks.length > 0 && found.networks.length > 0;
  const changed = changedPartNames(c, found);
  const onlyNetworks = reattachable && changed.length === 1 && changed[0] === 'networks';
  if (found.specHash !== c.specHash && !onlyNetworks) return { action: 'recreate', reason: changedParts(c, found) };
  if (currentImageId && found.imageId !== currentImageId) return { action: 'recreate', reason: `image ${c.image} was rebuilt` };
  const { join, leave } = attachmentChange(c, found);
  if (join.length > 0 || leave.length > 0) {
    if (!reattachable) return { action: 'recreate', reason: 'network attachments incomplete' };
    const words = [join.length > 0 ? `join ${join.join(', ')}` : '', leave.length > 0 ? `leave ${leave.join(', ')}` : ''].filter(Boolean);
    if (!c.standby && (found.state === 'created' || found.state === 'exited')) words.push('then start');
    return { action: 'reconfigure', reason: words.join('; ') };
  }
  if (!c.standby && (found.state === 'created' || found.state === 'exited')) {
    return { action: 'start', reason: found.state === 'created' ? 'never started' : 'stopped' };
  }
  return undefined;
}

/** Networks a container must join and leave to sit on exactly the desired ones. */
export function attachmentChange(c: Pick<DesiredContainer, 'networks'>, found: Pick<ActualContainer, 'networks'>): { join: string[]; leave: string[] } {
  const attached = new Set(found.networks);
  const wanted = new Set(c.networks.map((n) => n.network));
  return { join: [...wanted].filter((n) => !attached.has(n)), leave: [...attached].filter((n) => !wanted.has(n)) };
}

/** The spec parts whose hash differs; empty when the container's labels predate per-part hashes. */
function changedPartNames(c: DesiredContainer, found: ActualContainer): string[] {
  if (Object.keys(found.specParts).length === 0) return c.specHash === found.specHash ? [] : ['spec'];
  return Object.entries(c.specParts)
    .filter(([part, hash]) => found.specParts[part] !== hash)
    .map(([part]) => part);
}

function changedParts(c: DesiredContainer, found: ActualContainer): string {
  const parts = changedPartNames(c, found);
  return parts.length > 0 && parts[0] !== 'spec' ? `changed: ${parts.join(', ')}` : 'spec changed';
}

/** Steps in an order where every step comes after what it depends on (stable otherwise). */
function topologicalOrder(steps: PlanStep[]): PlanStep[] {
  const done = new Set<string>();
  const out: PlanStep[] = [];
  let pending = steps;
  while (pending.length > 0) {
    const ready = pending.filter((s) => s.dependsOn.every((d) => done.has(d)));
    // The boot order was checked for cycles; a leftover here would be a planner bug, kept visible.
    const next = ready.length > 0 ? ready : [pending[0]];
    for (const s of next) {
      done.add(s.id);
      out.push(s);
    }
    pending = pending.filter((s) => !done.has(s.id));
  }
  return out;
}

export function summarizePlan(steps: PlanStep[]): PlanSummary {
  const summary: PlanSummary = { create: 0, recreate: 0, remove: 0, start: 0, reconfigure: 0 };
  for (const s of steps) summary[s.action]++;
  return summary;
}
