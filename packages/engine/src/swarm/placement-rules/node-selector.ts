// A manifest's node choice (`placement.node`, `expose[].node`: a hostname or `label:key=value`)
// against the swarm's nodes: which nodes it means, and the Swarm constraint that says the same.
import { type NodeSelector, parseNodeSelector } from '@colo/manifest';
import { EngineError } from '../../engine-error';
import type { SwarmNodeInfo } from '../deploy/swarm-types';

/** A node as placement sees it: its labels too (the manager's `Spec.Labels`). */
export type PlacementNode = SwarmNodeInfo & { labels?: Record<string, string> };

function selector(text: string): NodeSelector {
  const parsed = parseNodeSelector(text);
  // The manifest's validator refuses anything else; reaching here is a caller's bug.
  if (!parsed) throw new EngineError('invalid_manifest', `"${text}" is not a node hostname or label:key=value`);
  return parsed;
}

/** The nodes a selector means, sorted by hostname (any state: callers decide what may run). */
export function matchNodes(text: string, nodes: readonly PlacementNode[]): PlacementNode[] {
  const s = selector(text);
  return nodes
    .filter((n) => (s.kind === 'hostname' ? n.hostname === s.hostname : n.labels?.[s.key] === s.value))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** The Swarm constraint for a selector: `node.hostname==…` or `node.labels.key==value`. */
export function selectorConstraint(text: string): string {
  const s = selector(text);
  return s.kind === 'hostname' ? `node.hostname==${s.hostname}` : `node.labels.${s.key}==${s.value}`;
}

/**
 * The node an exposed port publishes on: a node id as it is, else the first ready node the
 * selector means. None: the deploy stops naming the port (published nowhere would be silent).
 */
export function listenerNodeId(port: number, choice: string, nodes: readonly PlacementNode[]): string {
  if (nodes.some((n) => n.id === choice)) return choice;
  const matched = matchNodes(choice, nodes);
  const ready = matched.find((n) => n.schedulable) ?? matched[0];
  if (!ready) {
    const known = nodes.map((n) => n.hostname).join(', ');
    throw new EngineError('conflict', `port ${port} is to be published on node "${choice}", and no node of the swarm matches it (nodes: ${known})`);
  }
  return ready.id;
}
