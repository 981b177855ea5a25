'use client';
// The React Flow nodes and edges of the document. Node objects are reused while nothing about
// them changed, so React Flow skips them (it compares node objects by identity) and a drag of
// one box in a 300-box drawing re-renders one box.
import { type CanvasEdge, docToFlow, type EditorDoc, fallbackPosition } from '@colo/canvas';
import type { ApplianceClass, Catalog, Position } from '@colo/manifest';
import type { Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { NodeLive } from '@/components/deploy';
import type { Selection } from '../use-editor-store';
import type { ApplianceFlowNode } from './node-types';

export type Measured = Map<string, { width: number; height: number }>;

interface CachedNode {
  node: ApplianceFlowNode;
  position: Position;
  cls: ApplianceClass | undefined;
  live: NodeLive | undefined;
}

function sameLive(a: NodeLive | undefined, b: NodeLive | undefined): boolean {
  return (
    a === b ||
    (!!a && !!b && a.state === b.state && a.running === b.running && a.desired === b.desired && sameUsage(a.usage, b.usage))
  );
}

function sameUsage(a: NodeLive['usage'], b: NodeLive['usage']): boolean {
  return a === b || (!!a && !!b && a.cpu === b.cpu && a.memoryUsed === b.memoryUsed && a.memoryLimit === b.memoryLimit);
}

function wiredHandles(connections: EditorDoc['manifest']['connections']): Map<string, string> {
  const byAppliance = new Map<string, string[]>();
  const add = (endpoint: string, kind: 'in' | 'out') => {
    const dot = endpoint.indexOf('.');
    const name = endpoint.slice(0, dot);
    byAppliance.set(name, [...(byAppliance.get(name) ?? []), `${kind}:${endpoint.slice(dot + 1)}`]);
  };
  for (const c of connections) {
    add(c.from, 'out');
    add(c.to, 'in');
  }
  return new Map([...byAppliance].map(([name, handles]) => [name, handles.sort().join(',')]));
}

export function useFlowNodes(
  doc: EditorDoc,
  catalog: Catalog,
  selection: Selection,
  live: Record<string, NodeLive>,
  measured: Measured,
  measuredVersion: number,
): ApplianceFlowNode[] {
  const cache = useRef(new Map<string, CachedNode>());
  const { appliances, connections } = doc.manifest;
  const { positions } = doc;
  // biome-ignore lint/correctness/useExhaustiveDependencies: measuredVersion says when the mutable `measured` map changed
  return useMemo(() => {
    const wired = wiredHandles(connections);
    const selected = new Set(selection.nodes);
    const next = new Map<string, CachedNode>();
    const nodes = appliances.map((appliance, i) => {
      const position = positions[appliance.name] ?? fallbackPosition(i);
      const cls = catalog.get(appliance.class);
      const box = catalog.assembly?.(appliance.class)?.version;
      const state = live[appliance.name];
      const isSelected = selected.has(appliance.name);
      const wires = wired.get(appliance.name) ?? '';
      const prev = cache.current.get(appliance.name);
      // A new class means new handles: forget the old size so React Flow measures them again.
      const size = prev && prev.cls !== cls ? undefined : measured.get(appliance.name);
      const reusable =
        prev &&
        prev.node.data.appliance === appliance &&
        prev.cls === cls &&
        prev.position.x === position.x &&
        prev.position.y === position.y &&
        prev.node.selected === isSelected &&
        prev.node.data.wired === wires &&
        prev.node.measured === size &&
        sameLive(prev.live, state);
      const node: ApplianceFlowNode = reusable
        ? prev.node
        : {
            id: appliance.name,
            type: 'appliance',
            position,
            selected: isSelected,
            measured: size,
            data: { appliance, cls, live: state, wired: wires, ...(box === undefined ? {} : { box }) },
          };
      next.set(appliance.name, { node, position, cls, live: state });
      return node;
    });
    cache.current = next;
    return nodes;
  }, [appliances, connections, positions, catalog, selection.nodes, live, measured, measuredVersion]);
}

/** Edge colour follows what flows through it: web traffic, SQL, a shared volume… */
function protocolOf(edge: CanvasEdge, classes: Map<string, ApplianceClass | undefined>): string {
  const output = classes.get(edge.source)?.terminals.outputs.find((t) => `out:${t.name}` === edge.sourceHandle);
  return output?.protocol ?? 'any';
}

export function useFlowEdges(doc: EditorDoc, catalog: Catalog, selection: Selection): Edge[] {
  const { name, appliances, connections } = doc.manifest;
  const drawn = useMemo(() => {
    const manifest = { apiVersion: 'colo/v1' as const, kind: 'VDC' as const, name, appliances, connections };
    const classes = new Map(appliances.map((a) => [a.name, catalog.get(a.class)]));
    return docToFlow({ manifest, positions: {} }, catalog).edges.map((edge) => ({
      ...edge,
      className: `colo-edge colo-edge-${protocolOf(edge, classes)}`,
      interactionWidth: 18,
    }));
  }, [name, appliances, connections, catalog]);
  return useMemo(() => {
    const selected = new Set(selection.edges);
    return drawn.map((edge) => (selected.has(edge.id) ? { ...edge, selected: true } : edge));
  }, [drawn, selection.edges]);
}
