// Failover groups (AppLogic) for services Colo does not pin: Swarm spreads one service's replicas
// by itself, but nothing keeps two services apart, so a later member of a group is kept off the
// nodes where the earlier ones run (`node.id!=…`), computed at deploy time from where they run.
// Members are taken pinned first, then by name, and only later members are constrained: a member
// never moves because of one after it, so the constraints settle in one deploy instead of chasing
// each other. Dropped, and said, when too few nodes would remain for the member's replicas.
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
      const own = m.pinnedNode ? [m.pinnedNode] : m.runningOn;
      if (!m.pinnedNode) {
        const pool = (m.nodeChoice ? matchNodes(m.nodeChoice, nodes) : nodes).filter((n) => n.schedulable);
        const avoid = [...taken].filter((id) => pool.some((n) => n.id === id)).sort();
        const left = pool.length - avoid.length;
        if (avoid.length > 0 && left >= Math.max(1, m.replicas)) {
          constraints.set(m.appliance, avoid.map((id) => `node.id!=${id}`));
          notes.push(`${m.appliance} kept off ${avoid.map((id) => hostname.get(id) ?? id).join(', ')} (failover group with ${others(group, m.appliance)})`);
        } else if (avoid.length > 0) {
          notes.push(`${m.appliance} may share a node with ${others(group, m.appliance)}: ${left} ready node(s) left for its ${m.replicas} replica(s) (failover group needs more nodes)`);
        }
        if (unknown.length > 0) notes.push(`${m.appliance}: ${unknown.join(', ')} not running yet, so not yet kept apart from it (the next deploy does)`);
      }
      if (own.length === 0) unknown.push(m.appliance);
      for (const id of own) taken.add(id);
    }
  }
  return { constraints, notes };
}

const others = (group: readonly string[], self: string) => group.filter((a) => a !== self).join(', ');
