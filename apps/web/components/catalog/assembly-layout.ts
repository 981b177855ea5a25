// Where each interior appliance sits in the read-only diagram: the positions saved with the
// assembly (`visual`) when every appliance has one, else columns by wiring — an appliance one
// column right of the furthest appliance wired into it — and rows in definition order.
export interface LaidOut {
  nodes: { name: string; x: number; y: number }[];
  width: number;
  height: number;
}

export const NODE = { width: 150, height: 44 };
const GAP = { x: 70, y: 26 };
const PAD = 24;

export function layoutAssembly(def: {
  appliances: { name: string }[];
  connections: { from: string; to: string }[];
  visual?: Record<string, { x: number; y: number }>;
}): LaidOut {
  const names = def.appliances.map((a) => a.name);
  const visual = def.visual;
  let placed: { name: string; x: number; y: number }[];
  if (visual && names.every((n) => visual[n])) {
    placed = names.map((name) => ({ name, x: visual[name].x, y: visual[name].y }));
  } else {
    const column = new Map(names.map((n) => [n, 0]));
    const edges = def.connections.map((c) => [c.from.split('.')[0], c.to.split('.')[0]] as const).filter(([f, t]) => f !== t && column.has(f) && column.has(t));
    // Longest path, bounded by the node count so a cycle cannot loop forever.
    for (let round = 0; round < names.length; round++) {
      let moved = false;
      for (const [from, to] of edges) {
        const want = (column.get(from) ?? 0) + 1;
        if ((column.get(to) ?? 0) < want && want < names.length) {
          column.set(to, want);
          moved = true;
        }
      }
      if (!moved) break;
    }
    const rows = new Map<number, number>();
    placed = names.map((name) => {
      const col = column.get(name) ?? 0;
      const row = rows.get(col) ?? 0;
      rows.set(col, row + 1);
      return { name, x: col * (NODE.width + GAP.x), y: row * (NODE.height + GAP.y) };
    });
  }
  const minX = Math.min(...placed.map((p) => p.x));
  const minY = Math.min(...placed.map((p) => p.y));
  const nodes = placed.map((p) => ({ name: p.name, x: p.x - minX + PAD, y: p.y - minY + PAD }));
  return {
    nodes,
    width: Math.max(...nodes.map((n) => n.x)) + NODE.width + PAD,
    height: Math.max(...nodes.map((n) => n.y)) + NODE.height + PAD,
  };
}
