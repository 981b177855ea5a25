// The difference between a VDC's desired Swarm objects and the manager's, as ordered steps with
// reasons. Only the difference: an unchanged service (same `colo.spec`, same replicas) gets no
// step, so a second plan is empty and applying it makes no mutating call.
import { LABEL } from '../../labels';
import { SWARM_LABEL } from './swarm-labels';
import type { ActualService, ActualSwarm, DesiredService, DesiredSwarm } from './swarm-types';
import type { VdcIdentity } from '../../desired/types';

export type SwarmPlanAction = 'create' | 'update' | 'remove';
export type SwarmPlanKind = 'network' | 'service';

export interface SwarmPlanStep {
  /** `<kind>:<name>`. */
  id: string;
  action: SwarmPlanAction;
  kind: SwarmPlanKind;
  name: string;
  appliance?: string;
  /** Words a person reads: "new, 3 replicas, any node", "replicas: 3 → 5", "changed: env". */
  reason: string;
  /** Replicas the service gets (create, update). */
  replicas?: number;
  /** Roll its tasks out again though the spec is unchanged (a paused update). */
  force?: boolean;
  dependsOn: string[];
}

/** Safe to show: holds no env. */
export interface SwarmPlan {
  vdc: VdcIdentity;
  instance: string;
  revisionId: string;
  steps: SwarmPlanStep[];
  summary: Record<SwarmPlanAction, number>;
  /** Placement in words and what Swarm cannot express. */
  notes: string[];
}

const id = (kind: SwarmPlanKind, name: string) => `${kind}:${name}`;

export function planSwarm(desired: DesiredSwarm, actual: Pick<ActualSwarm, 'services' | 'networks'>): SwarmPlan {
  const steps: SwarmPlanStep[] = [];
  const add = (step: Omit<SwarmPlanStep, 'id' | 'dependsOn'>) => {
    const s: SwarmPlanStep = { id: id(step.kind, step.name), dependsOn: [], ...step };
    steps.push(s);
    return s;
  };
  const haveNetworks = new Set(actual.networks.map((n) => n.name));
  for (const n of desired.networks) if (!haveNetworks.has(n.name)) add({ action: 'create', kind: 'network', name: n.name, reason: n.purpose });

  const actualByName = new Map(actual.services.map((s) => [s.name, s]));
  const serviceSteps = new Map<string, SwarmPlanStep[]>();
  for (const d of desired.services) {
    const change = serviceChange(d, actualByName.get(d.name));
    if (!change) continue;
    const step = add({ action: change.action, kind: 'service', name: d.name, appliance: d.appliance, reason: change.reason, replicas: change.replicas });
    if (change.force) step.force = true;
    step.dependsOn.push(...d.spec.TaskTemplate.Networks.map((n) => id('network', n.Target)));
    // Listeners after their appliance; appliances after their servers (boot order).
    const key = d.kind === 'listener' ? `listener:${d.name}` : d.appliance;
    serviceSteps.set(key, [...(serviceSteps.get(key) ?? []), step]);
  }
  for (const d of desired.services) {
    const step = steps.find((s) => s.id === id('service', d.name));
    if (step) for (const server of d.after) step.dependsOn.push(...(serviceSteps.get(server) ?? []).map((s) => s.id));
  }
  const desiredNames = new Set(desired.services.map((s) => s.name));
  for (const s of actual.services) {
    if (desiredNames.has(s.name)) continue;
    const why = s.labels[LABEL.role] === 'edge' ? `port ${s.labels[LABEL.edgePort]} is no longer exposed` : `appliance ${s.labels[LABEL.appliance]} is no longer in the manifest`;
    add({ action: 'remove', kind: 'service', name: s.name, appliance: s.labels[LABEL.appliance], reason: why });
  }
  const desiredNetworks = new Set(desired.networks.map((n) => n.name));
  const leaving = steps.filter((s) => s.kind === 'service' && s.action !== 'create').map((s) => s.id);
  for (const n of actual.networks) {
    if (!desiredNetworks.has(n.name)) add({ action: 'remove', kind: 'network', name: n.name, reason: 'no longer used' }).dependsOn.push(...leaving);
  }
  const ids = new Set(steps.map((s) => s.id));
  for (const s of steps) s.dependsOn = [...new Set(s.dependsOn)].filter((d) => ids.has(d) && d !== s.id);
  const ordered = topological(steps);
  const summary = { create: 0, update: 0, remove: 0 };
  for (const s of ordered) summary[s.action]++;
  return { vdc: desired.vdc, instance: desired.instance, revisionId: desired.revisionId, steps: ordered, summary, notes: desired.notes };
}

/** What a service needs, if anything. A standby appliance keeps whatever replicas it runs. */
export function serviceChange(
  d: DesiredService,
  found: ActualService | undefined,
): { action: 'create' | 'update'; reason: string; replicas: number; force?: boolean } | undefined {
  const target = d.standby ? (found?.replicas ?? 0) : d.replicas;
  if (!found) {
    const what = d.kind === 'listener' ? 'new edge listener' : d.standby ? `new, standby (${d.replicas} once started)` : `new, ${plural(d.replicas, 'replica')}`;
    return { action: 'create', reason: `${what}; ${d.placement.reason}`, replicas: target };
  }
  const reasons: string[] = [];
  const changed = found.labels[LABEL.spec] !== d.specHash;
  if (changed) reasons.push(changedParts(d, found));
  // The spec already says the new version, but its tasks never all got there: roll out again.
  else if (found.stalledUpdate) reasons.push(`last update ${found.stalledUpdate}: roll out again`);
  if (found.replicas !== target) reasons.push(found.replicas === 0 ? 'stopped: start' : `replicas: ${found.replicas} → ${target}`);
  else if (found.labels[SWARM_LABEL.replicas] !== String(d.replicas) && !d.standby) reasons.push(`replicas: ${d.replicas}`);
  if (reasons.length === 0) return undefined;
  return { action: 'update', reason: reasons.join('; '), replicas: target, ...(!changed && found.stalledUpdate ? { force: true } : {}) };
}

function changedParts(d: DesiredService, found: ActualService): string {
  const parts = Object.fromEntries(
    (found.labels[LABEL.specParts] ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  const changed = Object.entries(d.specParts)
    .filter(([k, v]) => parts[k] !== v)
    .map(([k]) => k);
  return changed.length > 0 && Object.keys(parts).length > 0 ? `changed: ${changed.join(', ')}` : 'spec changed';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function topological(steps: SwarmPlanStep[]): SwarmPlanStep[] {
  const done = new Set<string>();
  const out: SwarmPlanStep[] = [];
  let pending = steps;
  while (pending.length > 0) {
    const ready = pending.filter((s) => s.dependsOn.every((d) => done.has(d)));
    const next = ready.length > 0 ? ready : [pending[0]!];
    for (const s of next) {
      done.add(s.id);
      out.push(s);
    }
    pending = pending.filter((s) => !done.has(s.id));
  }
  return out;
}

/** The plan as text for a person (`colo plan` on a swarm). */
export function formatSwarmPlan(plan: SwarmPlan): string {
  const sign = { create: '+', update: '~', remove: '-' } as const;
  const lines = plan.steps.map((s) => `${sign[s.action]} ${s.kind} ${s.name}: ${s.reason}`);
  if (lines.length === 0) lines.push('No changes: the swarm matches the manifest.');
  return [...lines, ...plan.notes.map((n) => `  note: ${n}`)].join('\n');
}
