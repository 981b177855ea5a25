// A box's live state, from the appliances it expanded into (status gives each an `assembly`
// field naming its box): healthy when every one is, in progress while any is being made or
// started, stopped or absent when all are, and otherwise unhealthy with how many are healthy.
import type { NodeLive, VdcStatusBody } from '@/components/deploy';

export interface BoxMember {
  name: string;
  live: NodeLive;
}

/** The expanded appliances of each box, by box name. */
export function boxMembers(status: VdcStatusBody | undefined, nodes: Record<string, NodeLive>): Map<string, BoxMember[]> {
  const byBox = new Map<string, BoxMember[]>();
  for (const a of status?.appliances ?? []) {
    const box = a.assembly;
    if (!box) continue;
    const live = nodes[a.name] ?? { state: 'absent', running: 0, desired: a.replicas.desired };
    byBox.set(box, [...(byBox.get(box) ?? []), { name: a.name, live }]);
  }
  return byBox;
}

export function boxLive(members: readonly BoxMember[]): NodeLive | undefined {
  if (members.length === 0) return undefined;
  const states = members.map((m) => m.live.state);
  const running = members.reduce((n, m) => n + m.live.running, 0);
  const desired = members.reduce((n, m) => n + m.live.desired, 0);
  const healthy = states.filter((s) => s === 'healthy').length;
  const all = (state: NodeLive['state']) => states.every((s) => s === state);
  if (healthy === members.length) return { state: 'healthy', running, desired };
  // The last operation failed on an appliance inside: the box says so, with its reason.
  const failed = members.find((m) => m.live.state === 'failed');
  if (failed) return { state: 'failed', running, desired, reason: `${failed.name}: ${failed.live.reason ?? 'failed'}` };
  if (states.includes('creating')) return { state: 'creating', running, desired };
  if (states.includes('starting') && !states.some((s) => s === 'unhealthy' || s === 'flagged')) return { state: 'starting', running, desired };
  if (all('stopped')) return { state: 'stopped', running, desired };
  if (all('absent')) return { state: 'absent', running, desired };
  const down = members.filter((m) => m.live.state !== 'healthy').map((m) => m.name);
  return { state: 'unhealthy', running, desired, reason: `degraded: ${healthy} of ${members.length} appliances healthy (${down.join(', ')} not)` };
}

/** The live map with each box's aggregate added under the box's own name. */
export function withBoxLive(nodes: Record<string, NodeLive>, members: Map<string, BoxMember[]>): Record<string, NodeLive> {
  if (members.size === 0) return nodes;
  const out = { ...nodes };
  for (const [box, list] of members) {
    const live = boxLive(list);
    if (live) out[box] = live;
  }
  return out;
}
