// A drain that waits: the node stops taking tasks, then Swarm moves what it runs; this waits
// (bounded) until nothing movable is left. Appliances held to the node by a placement constraint
// (their instance volumes live there) cannot move: they are named in the answer, read before the
// drain, because Swarm shuts their tasks down and leaves the new ones pending, out of sight.
import type { ClusterApi, ClusterNode, NodeRun } from '@colo/engine';

export interface DrainOptions {
  /** How long to wait for Swarm to move the tasks (ms). */
  waitMs: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DrainResult {
  node: ClusterNode;
  /** Nothing movable is left on the node. */
  moved: boolean;
  waitedMs: number;
  /** What cannot move: held to this node by its data; it stays stopped while the node is drained. */
  pinned: NodeRun[];
  /** What still ran there when the wait ended (empty when `moved`). */
  remaining: NodeRun[];
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function drainAndWait(cluster: ClusterApi, ref: string, options: DrainOptions): Promise<DrainResult> {
  const sleep = options.sleep ?? pause;
  const before = await cluster.node(ref);
  const pinned = before.runs.filter((r) => r.pinned);
  const pinnedServices = new Set(pinned.map((r) => r.service));
  const started = Date.now();
  let node = await cluster.setAvailability(before.id, 'drain');
  const movable = (n: ClusterNode) => n.runs.filter((r) => !pinnedServices.has(r.service));
  let waited = 0;
  while (movable(node).length > 0 && waited < options.waitMs) {
    const step = Math.min(options.pollMs ?? 1000, options.waitMs - waited);
    await sleep(step);
    waited += step;
    node = await cluster.node(before.id);
  }
  const remaining = movable(node);
  return { node, moved: remaining.length === 0, waitedMs: Math.max(waited, Date.now() - started), pinned, remaining };
}
