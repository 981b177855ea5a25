// A single-host DesiredState made into Swarm objects: one overlay network per network of the
// VDC (wires and ingress internal, the listeners' and gateways' own not), one service per
// appliance and per edge listener, placed by placement.ts.
import { EngineError } from '../../engine-error';
import { LABEL } from '../../labels';
import type { DesiredContainer, DesiredNetwork, DesiredState } from '../../desired/types';
import { groupConstraints } from '../placement-rules/group-constraints';
import { listenerNodeId, matchNodes, selectorConstraint } from '../placement-rules/node-selector';
import { choosePinnedNodes, listenerNode, pinGroups } from './placement';
import { serviceSpec } from './service-spec';
import { SWARM_LABEL } from './swarm-labels';
import { swarmLimitNotes } from './swarm-limits';
import type { ActualSwarm, DesiredService, DesiredSwarm, DesiredSwarmNetwork } from './swarm-types';

export interface DesiredSwarmOptions {
  /**
   * Node each published port's listener runs on (the user's choice: a node id, hostname or
   * `label:key=value`, see placement-rules); the manager otherwise.
   */
  listenerNodes?: Record<number, string>;
  /** appliance → the node it runs on: a hostname or `label:key=value` (the manifest's `placement.node`). */
  applianceNodes?: Record<string, string>;
  /** Appliances kept on different nodes where enough exist, beyond one appliance's replicas. */
  failoverGroups?: string[][];
  /**
   * image tag → the reference nodes pull it by (Colo's registry, pinned by digest: a rebuilt tag
   * then updates the service, as a changed image id recreates a container on one host).
   */
  images?: Readonly<Record<string, string>>;
  /**
   * appliance → node id it is moved to (a move: its data was copied there first). Overrides the
   * node its service is pinned to; every other pin stays where its data is.
   */
  pins?: Readonly<Record<string, string>>;
}

/** The images a VDC's services run: what the registry must hold before a deploy. */
export function swarmImages(desired: Pick<DesiredState, 'containers' | 'listeners'>): string[] {
  return [...new Set([...desired.containers, ...desired.listeners].map((c) => c.create.Image ?? c.image))].sort();
}

/** `colo-<key>-web-1` → `colo-<key>-web`: the appliance's containers without the replica suffix. */
export function serviceName(container: Pick<DesiredContainer, 'name' | 'replica'>): string {
  return container.name.slice(0, -`-${container.replica}`.length);
}

export function desiredSwarm(desired: DesiredState, actual: Pick<ActualSwarm, 'services' | 'nodes' | 'coloTasksPerNode' | 'managerNodeId' | 'serviceNodes'>, options: DesiredSwarmOptions = {}): DesiredSwarm {
  const hostnameOf = new Map(actual.nodes.map((n) => [n.id, n.hostname]));
  const existingPin = new Map<string, string>();
  for (const s of actual.services) {
    const node = s.labels[SWARM_LABEL.node];
    const appliance = s.labels[LABEL.appliance];
    if (node && appliance && s.labels[LABEL.role] !== 'edge') existingPin.set(appliance, node);
  }
  for (const [appliance, node] of Object.entries(options.pins ?? {})) existingPin.set(appliance, node);
  const byAppliance = new Map<string, DesiredContainer[]>();
  for (const c of desired.containers) byAppliance.set(c.appliance, [...(byAppliance.get(c.appliance) ?? []), c]);
  const groups = pinGroups(desired);
  const pins = choosePinnedNodes(groups, {
    nodes: actual.nodes,
    coloTasksPerNode: actual.coloTasksPerNode,
    existing: existingPin,
    replicas: new Map([...byAppliance].map(([a, cs]) => [a, cs.length])),
    failoverGroups: options.failoverGroups,
    nodeChoices: new Map(Object.entries(options.applianceNodes ?? {}).map(([a, choice]) => [a, new Set(matchNodes(choice, actual.nodes).map((n) => n.id))])),
  });
  const pinReason = new Map(groups.flatMap((g) => g.members.map((m) => [m.appliance, m.reason] as const)));
  const volumeLabels = new Map(desired.volumes.map((v) => [v.name, v.labels]));
  const notes = swarmLimitNotes();
  // Failover groups of appliances Colo does not pin: kept off their partners' nodes (placement-rules).
  const grouped = groupConstraints(
    options.failoverGroups ?? [],
    new Map(
      [...byAppliance].map(([a, cs]) => {
        const service = serviceName(cs[0]!);
        const running = actual.serviceNodes?.get(service) ?? [];
        const current = actual.services.find((s) => s.name === service)?.spec.TaskTemplate?.Placement?.Constraints ?? [];
        return [a, { appliance: a, replicas: cs.length, pinnedNode: pins.get(a), runningOn: running, nodeChoice: options.applianceNodes?.[a], currentConstraints: current }];
      }),
    ),
    actual.nodes,
  );
  notes.push(...grouped.notes);

  const services: DesiredService[] = [];
  for (const [appliance, containers] of byAppliance) {
    const sorted = [...containers].sort((a, b) => a.replica - b.replica);
    const first = sorted[0]!;
    const pinned = pinReason.has(appliance);
    const nodeId = pins.get(appliance);
    if (pinned && !nodeId) throw new EngineError('conflict', `appliance ${appliance} must be pinned to a node (${pinReason.get(appliance)}), and no node${options.applianceNodes?.[appliance] ? ` matching "${options.applianceNodes[appliance]}"` : ''} is ready and active`);
    const choice = options.applianceNodes?.[appliance];
    const constraints = [...(choice && !nodeId ? [selectorConstraint(choice)] : []), ...(grouped.constraints.get(appliance) ?? [])];
    const placement = nodeId
      ? { nodeId, reason: `pinned to ${hostnameOf.get(nodeId) ?? nodeId}: ${pinReason.get(appliance)}` }
      : { reason: choice ? `on node "${choice}" (Swarm spreads its replicas there)` : 'any node (Swarm spreads its replicas)', ...(constraints.length > 0 ? { constraints } : {}) };
    if (choice && nodeId && !matchNodes(choice, actual.nodes).some((n) => n.id === nodeId)) {
      notes.push(`${appliance} stays on ${hostnameOf.get(nodeId) ?? nodeId}, not on node "${choice}": its data is there (migrate it to move it)`);
    }
    if (nodeId) notes.push(`${appliance} ${placement.reason}`);
    const home = nodeId ? actual.nodes.find((n) => n.id === nodeId) : undefined;
    // Said, never silently re-placed: its data is on that node (restoring elsewhere is an action).
    if (nodeId && !home?.schedulable) {
      notes.push(`${appliance} cannot run: its node ${home ? `${home.hostname} is ${home.state}/${home.availability}` : `${nodeId} has left the swarm`}, and its data is there`);
    }
    const built = serviceSpec({
      name: serviceName(first),
      appliance,
      containers: sorted,
      replicas: first.standby ? 0 : sorted.length,
      placement,
      volumeLabels,
      hostname: `${appliance}-{{.Task.Slot}}`,
      images: options.images,
    });
    services.push({
      name: built.spec.Name,
      appliance,
      kind: 'appliance',
      replicas: sorted.length,
      standby: first.standby,
      after: first.after,
      placement,
      ...built,
      healthTimeoutMs: Math.max(...sorted.map((c) => c.healthTimeoutMs)),
    });
  }
  for (const l of desired.listeners) {
    const running = actual.services.find((s) => s.name === l.name);
    const choice = options.listenerNodes?.[l.hostPort];
    const chosen = choice === undefined ? undefined : listenerNodeId(l.hostPort, choice, actual.nodes);
    const nodeId = listenerNode({ existing: running?.labels[SWARM_LABEL.node], chosen, managerNodeId: actual.managerNodeId });
    const placement = { nodeId, reason: `publishes port ${l.hostPort} on ${hostnameOf.get(nodeId) ?? nodeId}` };
    notes.push(`edge listener ${placement.reason}`);
    const built = serviceSpec({ name: l.name, appliance: l.appliance, containers: [l], replicas: 1, placement, volumeLabels, hostname: l.create.Hostname ?? `edge-${l.hostPort}`, images: options.images });
    services.push({ name: l.name, appliance: l.appliance, kind: 'listener', replicas: 1, standby: false, after: [l.target.appliance], placement, ...built, healthTimeoutMs: l.healthTimeoutMs });
  }
  return {
    vdc: desired.vdc,
    instance: desired.instance,
    revisionId: desired.revisionId,
    networks: desired.networks.map(overlayNetwork),
    services,
    notes,
  };
}

/**
 * Wires and ingress stay internal. A listener's own network and a gateway's egress are not:
 * a task on internal networks alone gets no gateway bridge, so neither a host-mode published
 * port nor a way out. Bridge driver options mean nothing to an overlay and are left out.
 */
export function overlayNetwork(n: DesiredNetwork): DesiredSwarmNetwork {
  return {
    name: n.name,
    purpose: n.purpose,
    spec: { Name: n.name, Driver: 'overlay', Internal: n.internal, Attachable: true, Labels: { ...n.labels } },
  };
}
