// The size of an appliance box and where its terminals sit, in one place: the React node draws
// exactly this, and the auto-layout routes wires to exactly these points.
import type { ApplianceClass } from '@colo/manifest';

export const NODE_WIDTH = 232;
export const NODE_HEADER = 52;
export const TERMINAL_ROW = 26;
export const NODE_PADDING_BOTTOM = 10;

export interface TerminalSlot {
  terminal: string;
  /** Distance from the top of the box to the handle's centre. */
  y: number;
}

export interface NodeGeometry {
  width: number;
  height: number;
  inputs: TerminalSlot[];
  outputs: TerminalSlot[];
}

function slots(names: readonly string[]): TerminalSlot[] {
  return names.map((terminal, i) => ({ terminal, y: NODE_HEADER + TERMINAL_ROW * i + TERMINAL_ROW / 2 }));
}

/** Inputs down the left side, outputs down the right, in class order. Unknown class: an empty box. */
export function nodeGeometry(cls: ApplianceClass | undefined): NodeGeometry {
  const inputs = cls?.terminals.inputs.map((t) => t.name) ?? [];
  const outputs = cls?.terminals.outputs.map((t) => t.name) ?? [];
  const rows = Math.max(inputs.length, outputs.length, 1);
  return {
    width: NODE_WIDTH,
    height: NODE_HEADER + rows * TERMINAL_ROW + NODE_PADDING_BOTTOM,
    inputs: slots(inputs),
    outputs: slots(outputs),
  };
}
