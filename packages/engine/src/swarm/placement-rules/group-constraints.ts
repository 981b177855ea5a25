// Failover groups (AppLogic) for services Colo does not pin: Swarm spreads one service's replicas
// by itself, but nothing keeps two services apart, so a later member of a group is kept off the
// nodes where the earlier ones run (`node.id!=…`), computed at deploy time from where they run.
// Members are taken pinned first, then by name, and only later members are constrained: a member
// never moves because of one after it. A member already running apart from the earlier ones keeps
// the constraints it has (a changed constraint makes Swarm start its tasks again, anywhere it
// allows), so a placed group re-plans empty. Dropped, and said, when too few nodes would remain
// for the member's replicas.
import { matchNodes, type PlacementNode } from './node-selector';

export interface GroupMember {
  appliance: string;
  replicas: number;
  /** Its pinned node (instance volumes), when Colo pins it. */
  pinnedNode?: string;
  /** Nodes its tasks run on now (none yet: a new service). */
  runningOn: readonly string[];
  /** Its `placement.node`, when written. */
  nodeChoice?: string;
  /** The `node.id!=` constraints its running service has (none: a new service). */
  currentConstraints?: readonly string[];
}

export interface GroupPlacement {
  /** Constraints per appliance that is not pinned. */
  constraints: Map<string, string[]>;
  notes: string[];
}

export function groupConstraints(groups: readonly string[][], members: ReadonlyMap<string, GroupMember>, nodes: readonly PlacementNode[]): GroupPlacement {
  const constraints = new Map<string, string[]>();
  const notes: string[] = [];
  const hostname = new Map(nodes.map((n) => [n.id, n.hostname]));
  for (const group of groups) {
    const ordered = group
      .map((a) => members.get(a))
      .filter((m): m is GroupMember => m !== undefined)
      .sort((a, b) => Number(!a.pinnedNode) - Number(!b.pinnedNode) || a.appliance.localeCompare(b.appliance));
    const taken = new Set<string>();
    const unknown: string[] = [];
    for (const m of ordered) {
      if (m.pinnedNode) {
        taken.add(m.pinnedNode);
        continue;
      }
      if (unknown.length > 0) notes.push(`${m.appliance}: ${unknown.join(', ')} not placed yet, so not yet kept apart from it (the next deploy does)`);
      const pool = (m.nodeChoice ? matchNodes(m.nodeChoice, nodes) : nodes).filter((n) => n.schedulable);
      const enough = (excluded: (id: string) => boolean) => pool.filter((n) => !excluded(n.id)).length >= Math.max(1, m.replicas);
      const running = m.runningOn.length > 0;
      if (running && !m.runningOn.some((id) => taken.has(id))) {
        // Apart already: its constraints stay as they are, or it would be started again elsewhere.
        const kept = (m.currentConstraints ?? []).filter((c) => c.startsWith('node.id!='));
        if (kept.length > 0 && enough((id) => kept.includes(`node.id!=${id}`))) constraints.set(m.appliance, [...kept]);
        for (const id of m.runningOn) taken.add(id);
        continue;
      }
      const avoid = [...taken].filter((id) => pool.some((n) => n.id === id)).sort();
      if (avoid.length > 0 && enough((id) => avoid.includes(id))) {
        constraints.set(m.appliance, avoid.map((id) => `node.id!=${id}`));
        notes.push(`${m.appliance} kept off ${avoid.map((id) => hostname.get(id) ?? id).join(', ')} (failover group with ${others(group, m.appliance)})`);
        unknown.push(m.appliance);
      } else {
        if (avoid.length > 0) {
          notes.push(`${m.appliance} may share a node with ${others(group, m.appliance)}: ${pool.length - avoid.length} ready node(s) left for its ${m.replicas} replica(s) (failover group needs more nodes)`);
        }
        if (running) for (const id of m.runningOn) taken.add(id);
        else unknown.push(m.appliance);
      }
    }
  }
  return { constraints, notes };
}

const others = (group: readonly string[], self: string) => group.filter((a) => a !== self).join(', ');
