// What a canvas node carries: the appliance and its class (from @colo/canvas), plus what only
// the browser knows — live state, and which of its terminals are wired.
import type { ApplianceNodeData } from '@colo/canvas';
import type { Edge, Node } from '@xyflow/react';
import type { NodeLive } from '@/components/deploy';

export interface ApplianceViewData extends ApplianceNodeData {
  live?: NodeLive;
  /** Handle ids with a wire, sorted and comma-joined (a string, so it compares by value). */
  wired: string;
  /** The assembly version when this is a box of a user's assembly (drawn as a stack of cards). */
  box?: number;
}

export type ApplianceFlowNode = Node<ApplianceViewData, 'appliance'>;
export type WireFlowEdge = Edge;
