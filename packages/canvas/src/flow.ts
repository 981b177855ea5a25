// The document as the nodes and edges a flow canvas draws, and back. Node ids are appliance
// names; handle ids are `in:<terminal>` / `out:<terminal>`; edge ids are `from->to`.
import type { Appliance, ApplianceClass, Catalog, Connection, Position, TerminalRef } from '@colo/manifest';
import { formatEndpoint, parseEndpoint } from '@colo/manifest';
import type { DocManifest, EditorDoc } from './editor-doc';
import { NODE_WIDTH } from './node-geometry';

export type HandleKind = 'in' | 'out';

export function handleId(kind: HandleKind, terminal: string): string {
  return `${kind}:${terminal}`;
}

export function parseHandleId(id: string | null | undefined): { kind: HandleKind; terminal: string } | undefined {
  const m = id ? /^(in|out):(.+)$/.exec(id) : null;
  return m ? { kind: m[1] as HandleKind, terminal: m[2] } : undefined;
}

export interface ApplianceNodeData extends Record<string, unknown> {
  appliance: Appliance;
  /** Undefined when the catalog has no such class: the node says so instead of guessing. */
  cls?: ApplianceClass;
}

export interface CanvasNode {
  id: string;
  type: 'appliance';
  position: Position;
  data: ApplianceNodeData;
}

export interface CanvasEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

/** Where an appliance with no saved position is drawn: a grid, in manifest order. */
export function fallbackPosition(index: number): Position {
  return { x: (index % 4) * (NODE_WIDTH + 96), y: Math.floor(index / 4) * 200 };
}

export function connectionId(c: Connection): string {
  return `${c.from}->${c.to}`;
}

/** The wire an edge (or a connection attempt) stands for; undefined if its handles are not terminals. */
export function edgeConnection(edge: {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}): { from: TerminalRef; to: TerminalRef } | undefined {
  const out = parseHandleId(edge.sourceHandle);
  const inp = parseHandleId(edge.targetHandle);
  if (out?.kind !== 'out' || inp?.kind !== 'in') return undefined;
  return {
    from: { appliance: edge.source, terminal: out.terminal },
    to: { appliance: edge.target, terminal: inp.terminal },
  };
}

function hasTerminal(cls: ApplianceClass | undefined, kind: HandleKind, terminal: string): boolean {
  const list = kind === 'in' ? cls?.terminals.inputs : cls?.terminals.outputs;
  return list?.some((t) => t.name === terminal) ?? false;
}

/**
 * Nodes and edges for the canvas. A wire whose ends are not drawable (unknown appliance, class
 * or terminal) is left out of the drawing; the problems panel still lists it.
 */
export function docToFlow(doc: EditorDoc, catalog: Catalog): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const classes = new Map<string, ApplianceClass | undefined>();
  const nodes = doc.manifest.appliances.map((appliance, i): CanvasNode => {
    const cls = catalog.get(appliance.class);
    classes.set(appliance.name, cls);
    return {
      id: appliance.name,
      type: 'appliance',
      position: doc.positions[appliance.name] ?? fallbackPosition(i),
      data: { appliance, cls },
    };
  });
  const seen = new Map<string, number>();
  const edges: CanvasEdge[] = [];
  for (const c of doc.manifest.connections) {
    const from = parseEndpoint(c.from);
    const to = parseEndpoint(c.to);
    if (!from || !to) continue;
    if (!hasTerminal(classes.get(from.appliance), 'out', from.terminal)) continue;
    if (!hasTerminal(classes.get(to.appliance), 'in', to.terminal)) continue;
    const base = connectionId(c);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    edges.push({
      id: n === 1 ? base : `${base}#${n}`,
      source: from.appliance,
      sourceHandle: handleId('out', from.terminal),
      target: to.appliance,
      targetHandle: handleId('in', to.terminal),
    });
  }
  return { nodes, edges };
}

/** Nodes and edges back into a document (the inverse of `docToFlow` for drawable documents). */
export function flowToDoc(
  meta: Omit<DocManifest, 'appliances' | 'connections'>,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): EditorDoc {
  const positions: Record<string, Position> = {};
  for (const node of nodes) positions[node.id] = { x: node.position.x, y: node.position.y };
  const connections: Connection[] = [];
  for (const edge of edges) {
    const wire = edgeConnection(edge);
    if (wire) connections.push({ from: formatEndpoint(wire.from), to: formatEndpoint(wire.to) });
  }
  return {
    manifest: { ...meta, appliances: nodes.map((n) => n.data.appliance), connections },
    positions,
  };
}
