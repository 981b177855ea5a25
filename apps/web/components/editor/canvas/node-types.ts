// What a canvas node carries: the appliance and its class (from @colo/canvas), plus what only
// the browser knows — live state, and which of its terminals are wired.
import type { ApplianceNodeData } from '@colo/canvas';
import type { Edge, Node } from '@xyflow/react';
import type { NodeLive } from '@/components/deploy';

export interface ApplianceViewData extends ApplianceNodeData {
  live?: NodeLive;
  /** Handle ids with a wire, sorted and comma-joined (a string, so it compares by value). */
  wired: string;
}

export type ApplianceFlowNode = Node<ApplianceViewData, 'appliance'>;
export type WireFlowEdge = Edge;
