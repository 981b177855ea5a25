'use client';
// On a swarm, where each replica of the selected appliance runs (the node's hostname), from the
// live status: what AppLogic's failover groups promise is visible at a glance.
import { Section } from './fields';

export interface ReplicaNode {
  replica: number;
  node: string;
  state: string;
}

export function ReplicaNodesSection({ replicas }: { replicas: ReplicaNode[] | undefined }) {
  if (!replicas || replicas.length === 0) return null;
  const nodes = new Set(replicas.map((r) => r.node));
  return (
    <Section title="Where it runs">
      <ul className="space-y-1 text-sm" data-testid="inspector-replica-nodes">
        {replicas.map((r) => (
          <li key={r.replica} className="flex items-center justify-between gap-2" data-testid={`replica-node-${r.replica}`}>
            <span className="text-slate-600">replica {r.replica}</span>
            <span className="font-mono text-xs text-slate-800" title={r.state}>
              {r.node}
            </span>
          </li>
        ))}
      </ul>
      {replicas.length > 1 && (
        <p className="mt-1 text-xs text-slate-500">
          {nodes.size === replicas.length ? `each replica on its own node` : `${replicas.length} replicas on ${nodes.size} node${nodes.size === 1 ? '' : 's'}`}
        </p>
      )}
    </Section>
  );
}
