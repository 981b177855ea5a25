// Per appliance, the node each replica runs on, from the live status (only a swarm's status
// names nodes; on one host this is empty and the inspector shows nothing).
import type { VdcStatusBody } from '@/components/deploy';
import type { ReplicaNode } from './inspector/replica-nodes-section';

export function replicaNodesOf(status: VdcStatusBody | undefined): Record<string, ReplicaNode[]> {
  const out: Record<string, ReplicaNode[]> = {};
  for (const a of status?.appliances ?? []) {
    const placed = a.containers
      .filter((c) => typeof c.node === 'string' && c.node !== '' && c.replica !== undefined)
      .map((c) => ({ replica: c.replica as number, node: c.node as string, state: c.state ?? '' }))
      .sort((x, y) => x.replica - y.replica);
    if (placed.length > 0) out[a.name] = placed;
  }
  return out;
}
