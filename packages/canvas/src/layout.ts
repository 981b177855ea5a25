// Auto-layout with ELK's layered algorithm: wires flow left to right (a client left of the
// server it uses), and each wire leaves and enters its box at the terminal the canvas draws,
// so the crossings ELK minimises are the crossings the user sees.
import type { Catalog, Position } from '@colo/manifest';
import type { ElkNode, ELK as ElkApi } from 'elkjs/lib/elk-api';
import type { EditorDoc } from './editor-doc';
import { docToFlow } from './flow';
import { nodeGeometry } from './node-geometry';

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '112',
  'elk.spacing.componentComponent': '96',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Keeps the result stable from one run to the next for the same drawing.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

let elk: ElkApi | undefined;

function portId(node: string, handle: string): string {
  return `${node}::${handle}`;
}

/** The ELK graph of the document: one node per appliance, one port per terminal. */
export function layoutGraph(doc: EditorDoc, catalog: Catalog): ElkNode {
  const { nodes, edges } = docToFlow(doc, catalog);
  return {
    id: 'vdc',
    layoutOptions: LAYOUT_OPTIONS,
    children: nodes.map((node) => {
      const size = nodeGeometry(node.data.cls);
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          ...size.inputs.map((slot) => ({
            id: portId(node.id, `in:${slot.terminal}`),
            x: 0,
            y: slot.y,
            width: 0,
            height: 0,
            layoutOptions: { 'elk.port.side': 'WEST' },
          })),
          ...size.outputs.map((slot) => ({
            id: portId(node.id, `out:${slot.terminal}`),
            x: size.width,
            y: slot.y,
            width: 0,
            height: 0,
            layoutOptions: { 'elk.port.side': 'EAST' },
          })),
        ],
      };
    }),
    edges: edges.map((edge) => ({
      id: edge.id,
      sources: [portId(edge.source, edge.sourceHandle)],
      targets: [portId(edge.target, edge.targetHandle)],
    })),
  };
}

/** New positions for every appliance; the document itself is not changed (apply with `moveAppliances`). */
export async function autoLayout(doc: EditorDoc, catalog: Catalog): Promise<Record<string, Position>> {
  if (doc.manifest.appliances.length === 0) return {};
  // ELK is most of the editor's JavaScript: fetched on the first layout, not with the page.
  if (!elk) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  const result = await elk.layout(layoutGraph(doc, catalog));
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}
