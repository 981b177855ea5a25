// Where a VDC's services may run. Stateless appliances go anywhere (Swarm spreads one service's
// replicas over the nodes by itself); an appliance with instance volumes is pinned to one node,
// chosen once by Colo and kept in a service label, because its data lives on that node.
import type { DesiredState } from '../../desired/types';
import type { SwarmNodeInfo } from './swarm-types';

export interface PinGroup {
  /** The appliance whose volumes decide the node. */
  holder: string;
  /** The holder and the appliances that must run beside it, each with why. */
  members: { appliance: string; reason: string }[];
}

/**
 * The fs-wire rule, kept in one place: a client that mounts another appliance's share runs on
 * the share's node, since a local volume is reachable only there. A later step brings shared
 * filesystems across nodes and relaxes this.
 */
export function shareClientRule(client: string, server: string): { pinWith: string; reason: string } {
  return {
    pinWith: server,
    reason: `mounts ${server}'s share, so it runs on ${server}'s node (shared filesystems across nodes come later)`,
  };
}

/** Appliances that must be pinned, grouped by the node they must share. */
export function pinGroups(desired: Pick<DesiredState, 'containers' | 'volumes'>): PinGroup[] {
  const owner = new Map(desired.volumes.map((v) => [v.name, v.appliance]));
  const ownVolumes = new Map<string, string[]>();
  for (const v of desired.volumes) ownVolumes.set(v.appliance, [...(ownVolumes.get(v.appliance) ?? []), v.volume]);
  // parent: union-find over appliances tied by a share (client → server).
  const parent = new Map<string, string>();
  const root = (a: string): string => {
    const p = parent.get(a);
    return p === undefined || p === a ? a : root(p);
  };
  const reasons = new Map<string, string>();
  for (const [appliance, volumes] of ownVolumes) {
    parent.set(appliance, root(appliance));
    reasons.set(appliance, `holds its volume data (${[...new Set(volumes)].sort().join(', ')}) on that node`);
  }
  const appliances = [...new Set(desired.containers.map((c) => c.appliance))].sort();
  for (const appliance of appliances) {
    const first = desired.containers.find((c) => c.appliance === appliance);
    const servers = [...new Set((first?.volumes ?? []).map((v) => owner.get(v)).filter((o): o is string => o !== undefined && o !== appliance))].sort();
    for (const server of servers) {
      const rule = shareClientRule(appliance, server);
      const a = root(appliance);
      const b = root(rule.pinWith);
      if (a !== b) parent.set(a, b);
      parent.set(b, root(b));
      if (!reasons.has(appliance)) reasons.set(appliance, rule.reason);
    }
  }
  const groups = new Map<string, PinGroup>();
  for (const appliance of [...parent.keys()].sort()) {
    const r = root(appliance);
    const group = groups.get(r) ?? { holder: r, members: [] };
    group.members.push({ appliance, reason: reasons.get(appliance) ?? 'pinned' });
    groups.set(r, group);
  }
  return [...groups.values()];
}

export interface PinContext {
  nodes: SwarmNodeInfo[];
  coloTasksPerNode: ReadonlyMap<string, number>;
  /** appliance → node id it is already pinned to (its service's label). */
  existing: ReadonlyMap<string, string>;
  /** replicas per appliance, counted as load on the node chosen for it. */
  replicas: ReadonlyMap<string, number>;
  /** Appliances that should not share a node, where enough nodes exist (AppLogic failover groups). */
  failoverGroups?: string[][];
  /** appliance → node ids its `placement.node` allows (placement-rules); absent: any node. */
  nodeChoices?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * appliance → node for every pinned appliance. A group already placed keeps its node (its data
 * is there, even if the node is down: moving it is a migration, never a re-plan). A new group
 * goes to the schedulable node with the fewest Colo tasks, away from its failover partners.
 */
export function choosePinnedNodes(groups: PinGroup[], ctx: PinContext): Map<string, string> {
  const chosen = new Map<string, string>();
  const load = new Map(ctx.nodes.map((n) => [n.id, ctx.coloTasksPerNode.get(n.id) ?? 0]));
  const placeGroup = (group: PinGroup, node: string) => {
    for (const m of group.members) chosen.set(m.appliance, node);
  };
  const pending: PinGroup[] = [];
  for (const group of groups) {
    const kept = [group.holder, ...group.members.map((m) => m.appliance)].map((a) => ctx.existing.get(a)).find((n) => n !== undefined);
    if (kept) placeGroup(group, kept);
    else pending.push(group);
  }
  for (const group of pending) {
    const partners = new Set(
      (ctx.failoverGroups ?? [])
        .filter((g) => group.members.some((m) => g.includes(m.appliance)))
        .flat()
        .filter((a) => !group.members.some((m) => m.appliance === a)),
    );
    const taken = new Set([...partners].map((a) => chosen.get(a)).filter((n): n is string => n !== undefined));
    const choices = group.members.map((m) => ctx.nodeChoices?.get(m.appliance)).filter((c) => c !== undefined);
    const candidates = ctx.nodes.filter((n) => n.schedulable && choices.every((c) => c.has(n.id)));
    if (candidates.length === 0) continue;
    const apart = candidates.filter((n) => !taken.has(n.id));
    const pool = apart.length > 0 ? apart : candidates;
    const best = [...pool].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.hostname.localeCompare(b.hostname))[0]!;
    placeGroup(group, best.id);
    const added = group.members.reduce((sum, m) => sum + (ctx.replicas.get(m.appliance) ?? 0), 0);
    load.set(best.id, (load.get(best.id) ?? 0) + added);
  }
  return chosen;
}

/**
 * The node an edge listener publishes on: the user's choice (no manifest option exists yet),
 * else where it already runs, else the manager Colo talks to. The one place this is decided.
 */
export function listenerNode(input: { existing?: string; chosen?: string; managerNodeId: string }): string {
  return input.chosen ?? input.existing ?? input.managerNodeId;
}
