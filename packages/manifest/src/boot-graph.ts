// The boot-order graph: an appliance starts after every server it is wired to (fs included: the
// volume's owner comes first) and after every name in its `startAfter`. Shared by the validator
// (cycles) and by `bootWaves` (the order the engine starts things in).

export interface BootEdge {
  waiter: string;
  waitsFor: string;
  /** Why the edge exists, e.g. `connections[0]` or `appliances[1].startAfter[0]`. */
  via: string;
}

function adjacency(nodes: readonly string[], edges: readonly BootEdge[]): Map<string, BootEdge[]> {
  const out = new Map<string, BootEdge[]>(nodes.map((n) => [n, []]));
  for (const edge of edges) {
    if (edge.waiter === edge.waitsFor) continue;
    if (!out.has(edge.waiter) || !out.has(edge.waitsFor)) continue;
    out.get(edge.waiter)!.push(edge);
  }
  return out;
}

/** Strongly connected components with more than one node (Tarjan, iterative: no stack limits). */
function cyclicComponents(nodes: readonly string[], next: Map<string, BootEdge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = next.get(frame.node)!;
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++].waitsFor;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) components.push(component);
      }
    }
  }
  return components;
}

/** The shortest cycle through `start` inside `members`, as the edges walked. */
function cycleThrough(start: string, members: Set<string>, next: Map<string, BootEdge[]>): BootEdge[] {
  const cameBy = new Map<string, BootEdge>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of next.get(queue[i])!) {
      if (!members.has(edge.waitsFor)) continue;
      if (edge.waitsFor === start) {
        const path = [edge];
        for (let at = edge.waiter; at !== start; at = cameBy.get(at)!.waiter) path.unshift(cameBy.get(at)!);
        return path;
      }
      if (!cameBy.has(edge.waitsFor)) {
        cameBy.set(edge.waitsFor, edge);
        queue.push(edge.waitsFor);
      }
    }
  }
  return [];
}

/** One cycle per tangle of mutually waiting appliances, starting at the earliest in `nodes`. */
export function findBootCycles(nodes: readonly string[], edges: readonly BootEdge[]): BootEdge[][] {
  const next = adjacency(nodes, edges);
  const order = new Map(nodes.map((n, i) => [n, i]));
  return cyclicComponents(nodes, next)
    .map((component) => {
      const members = new Set(component);
      const start = component.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
      return cycleThrough(start, members, next);
    })
    .sort((a, b) => order.get(a[0].waiter)! - order.get(b[0].waiter)!);
}

/**
 * Nodes grouped into waves: each wave waits only for earlier waves; within a wave, `nodes`
 * order. Returns the nodes it could not place when the graph has a cycle. Linear: each edge is
 * looked at once, when the node it waits for is placed (Kahn's algorithm, level by level).
 */
export function bootWavesOf(
  nodes: readonly string[],
  edges: readonly BootEdge[],
): { waves: string[][]; stuck: string[] } {
  const next = adjacency(nodes, edges);
  const order = new Map(nodes.map((n, i) => [n, i]));
  const waiting = new Map<string, number>(nodes.map((n) => [n, 0]));
  const waiters = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [waiter, out] of next) {
    for (const edge of out) {
      waiting.set(waiter, waiting.get(waiter)! + 1);
      waiters.get(edge.waitsFor)!.push(waiter);
    }
  }
  const waves: string[][] = [];
  const placed = new Set<string>();
  let wave = [...new Set(nodes)].filter((n) => waiting.get(n) === 0);
  while (wave.length > 0) {
    waves.push(wave);
    const following: string[] = [];
    for (const n of wave) {
      placed.add(n);
      for (const waiter of waiters.get(n)!) {
        const left = waiting.get(waiter)! - 1;
        waiting.set(waiter, left);
        if (left === 0) following.push(waiter);
      }
    }
    wave = following.sort((a, b) => order.get(a)! - order.get(b)!);
  }
  return { waves, stuck: nodes.filter((n) => !placed.has(n)) };
}

export function describeCycle(cycle: readonly BootEdge[]): string {
  const steps = cycle.map((e) => `"${e.waiter}" starts after "${e.waitsFor}" (${e.via})`);
  return `boot order has a cycle: ${steps.join(', ')}`;
}
