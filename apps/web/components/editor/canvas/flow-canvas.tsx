'use client';
// The canvas: React Flow bound to the editor store. Every user gesture becomes one @colo/canvas
// command (a drag is one undo step however many frames it spans); React Flow never owns the
// drawing, it only shows it.
import { connect, edgeConnection, moveAppliances, parseHandleId, removeItems } from '@colo/canvas';
import { connectionFromId } from '@colo/canvas';
import type { Catalog, Position } from '@colo/manifest';
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { NodeLive } from '@/components/deploy';
import { NO_SELECTION, type EditorStore } from '../use-editor-store';
import { ApplianceNode } from './appliance-node';
import { ASSEMBLY_MIME, BOX_MIME, CLASS_MIME } from './drag-types';
import { fitPadding } from './fit';
import type { ApplianceFlowNode } from './node-types';
import { CanvasLegend } from './canvas-legend';
import { useCanvasChrome } from './use-canvas-chrome';
import { type Measured, useFlowEdges, useFlowNodes } from './use-flow-elements';
import { WireCheckContext, useWireChecker } from './wire-check';

const NODE_TYPES = { appliance: ApplianceNode };

/** `assembly`: a stock template (its appliances are inserted); `box`: a user's assembly as one box. */
export type DroppedItem = { kind: 'class' | 'assembly' | 'box'; id: string };

export interface FlowCanvasProps {
  store: EditorStore;
  catalog: Catalog;
  live: Record<string, NodeLive>;
  onDropItem: (item: DroppedItem, at: Position) => void;
  onNotice: (message: string) => void;
  /** A double-click on a node (a box opens its interior). */
  onOpenNode?: (name: string) => void;
  /** A viewer's canvas: boxes select (the inspector shows them) but do not move, wire or go. */
  readOnly?: boolean;
  children?: React.ReactNode;
}

function minimapColor(node: ApplianceFlowNode): string {
  const tint: Record<string, string> = {
    balancer: '#a78bfa',
    web: '#38bdf8',
    storage: '#fbbf24',
    database: '#34d399',
    cache: '#fb7185',
    gateway: '#e879f9',
  };
  return tint[node.data.cls?.category ?? ''] ?? '#94a3b8';
}

export function FlowCanvas({ store, catalog, live, onDropItem, onNotice, onOpenNode, readOnly = false, children }: FlowCanvasProps) {
  const { doc, state, run, commit, seal, select, current } = store;
  // Frame the drawing on open; an empty canvas stays put, so the first drop does not move the view.
  const [frameOnOpen] = useState(() => doc.manifest.appliances.length > 0);
  const measured = useRef<Measured>(new Map());
  const [measuredVersion, setMeasuredVersion] = useState(0);
  const nodes = useFlowNodes(doc, catalog, state.selection, live, measured.current, measuredVersion);
  const edges = useFlowEdges(doc, catalog, state.selection);
  const checker = useWireChecker(doc, catalog);
  const { screenToFlowPosition } = useReactFlow();
  // A smaller canvas gets a smaller minimap (or none), and framing keeps clear of what is shown.
  const chrome = useCanvasChrome();
  const fitViewOptions = useMemo(() => ({ padding: fitPadding(chrome.inset), maxZoom: 1 }), [chrome]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ApplianceFlowNode>[]) => {
      let moves: Record<string, Position> | undefined;
      let dragEnded = false;
      let resized = false;
      let picked: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'position') {
          if (change.position) moves = { ...moves, [change.id]: change.position };
          if (change.dragging === false) dragEnded = true;
        } else if (change.type === 'select') {
          picked ??= new Set(current().selection.nodes);
          if (change.selected) picked.add(change.id);
          else picked.delete(change.id);
        } else if (change.type === 'dimensions' && change.dimensions) {
          measured.current.set(change.id, change.dimensions);
          resized = true;
        }
      }
      if (moves) {
        const key = `move:${Object.keys(moves).sort().join(',')}`;
        commit(moveAppliances(current().history.present, moves), key);
      }
      if (dragEnded) seal();
      if (picked) select({ ...current().selection, nodes: [...picked] });
      if (resized) setMeasuredVersion((v) => v + 1);
    },
    [commit, seal, select, current],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      let picked: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        picked ??= new Set(current().selection.edges);
        if (change.selected) picked.add(change.id);
        else picked.delete(change.id);
      }
      if (picked) select({ ...current().selection, edges: [...picked] });
    },
    [select, current],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const wire = edgeConnection(connection);
      if (!wire) return;
      const result = run((d) => connect(d, catalog, wire.from, wire.to));
      if (!result.ok) onNotice(`Can't connect: ${result.reason}`);
    },
    [run, catalog, onNotice],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const wire = edgeConnection(connection);
      return wire !== undefined && checker(wire.from, wire.to).ok;
    },
    [checker],
  );

  // A refused drop says why, where the user is looking.
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, end: FinalConnectionState) => {
      if (end.isValid !== false || !end.fromHandle || !end.toHandle || !end.toNode) return;
      const a = { node: end.fromNode?.id ?? '', handle: parseHandleId(end.fromHandle.id) };
      const b = { node: end.toNode.id, handle: parseHandleId(end.toHandle.id) };
      const [out, inp] = a.handle?.kind === 'out' ? [a, b] : [b, a];
      if (out.handle?.kind !== 'out' || inp.handle?.kind !== 'in') {
        onNotice("Can't connect: a wire goes from an output (right side) to an input (left side)");
        return;
      }
      const verdict = checker(
        { appliance: out.node, terminal: out.handle.terminal },
        { appliance: inp.node, terminal: inp.handle.terminal },
      );
      if (!verdict.ok) onNotice(`Can't connect: ${verdict.reason}`);
    },
    [checker, onNotice],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: ApplianceFlowNode[]; edges: Edge[] }) => {
      const connections = cut.flatMap((e) => connectionFromId(e.id) ?? []);
      run((d) => removeItems(d, { appliances: gone.map((n) => n.id), connections }), { select: NO_SELECTION });
    },
    [run],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (!types.includes(CLASS_MIME) && !types.includes(ASSEMBLY_MIME) && !types.includes(BOX_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const classId = event.dataTransfer.getData(CLASS_MIME);
      const assemblyId = event.dataTransfer.getData(ASSEMBLY_MIME);
      const boxId = event.dataTransfer.getData(BOX_MIME);
      const item: DroppedItem | undefined = classId
        ? { kind: 'class', id: classId }
        : assemblyId
          ? { kind: 'assembly', id: assemblyId }
          : boxId
            ? { kind: 'box', id: boxId }
            : undefined;
      if (!item) return;
      event.preventDefault();
      onDropItem(item, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition, onDropItem],
  );

  return (
    <WireCheckContext.Provider value={checker}>
      <ReactFlow<ApplianceFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onDelete={onDelete}
        onNodeDragStop={seal}
        onNodeDoubleClick={onOpenNode && ((_event, node) => onOpenNode(node.id))}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        fitView={frameOnOpen}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        fitViewOptions={fitViewOptions}
        minZoom={0.05}
        maxZoom={2}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control']}
        selectionKeyCode="Shift"
        snapToGrid
        snapGrid={[8, 8]}
        onlyRenderVisibleElements={nodes.length > 150}
        connectionLineStyle={{ stroke: '#6366f1', strokeWidth: 2 }}
        attributionPosition="top-right"
        className="colo-canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#cbd5e1" />
        <Controls position="bottom-left" showInteractive={false} />
        {chrome.minimap && (
          <MiniMap<ApplianceFlowNode> position="bottom-right" style={chrome.minimap} pannable zoomable nodeColor={minimapColor} nodeBorderRadius={6} />
        )}
        <CanvasLegend doc={doc} catalog={catalog} />
        {children}
      </ReactFlow>
    </WireCheckContext.Provider>
  );
}
