// What sits over the canvas at a given size, and so where drawings may sit when the editor frames
// them: clear of the zoom controls (bottom left), the minimap (bottom right) and the legend
// (bottom centre), so no box or handle ends up under an overlay. A small canvas gets a smaller
// minimap, and a tight one none, rather than a minimap over half the drawing.

export interface Inset {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface CanvasChrome {
  /** The minimap's size; none on a canvas too small to spare the room. */
  minimap?: { width: number; height: number };
  /** How far from each edge framed boxes stay. */
  inset: Inset;
}

const ROOMY: CanvasChrome = { minimap: { width: 168, height: 104 }, inset: { top: 32, left: 40, right: 40, bottom: 136 } };
const COMPACT: CanvasChrome = { minimap: { width: 120, height: 74 }, inset: { top: 32, left: 40, right: 40, bottom: 104 } };
// The controls stay in the left strip; the bottom keeps room for the legend only.
const TIGHT: CanvasChrome = { inset: { top: 24, left: 40, right: 24, bottom: 48 } };

/** The chrome for a canvas of this size in pixels (0 × 0 before it is measured: the roomy one). */
export function canvasChrome(width: number, height: number): CanvasChrome {
  if (width === 0 && height === 0) return ROOMY;
  if (width >= 900 && height >= 460) return ROOMY;
  if (width >= 560 && height >= 320) return COMPACT;
  return TIGHT;
}

/** React Flow's fitView padding for an inset. */
export function fitPadding(inset: Inset): Record<keyof Inset, `${number}px`> {
  return { top: `${inset.top}px`, left: `${inset.left}px`, right: `${inset.right}px`, bottom: `${inset.bottom}px` };
}
