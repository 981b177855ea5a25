// Where a box added without a drop point goes: the first place near the one asked for that
// overlaps nothing, scanning row by row so repeated clicks fill a tidy grid.
import type { Catalog, Position } from '@colo/manifest';
import type { EditorDoc } from './editor-doc';
import { fallbackPosition } from './flow';
import { NODE_WIDTH, nodeGeometry } from './node-geometry';

const GAP = 40;
const STEP_X = NODE_WIDTH + GAP;
const STEP_Y = 150;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * A free top-left corner for a box of class `classRef`, searched from `start` rightwards for
 * `columns` columns, then on the next row. `gap` is the clearance kept from other boxes.
 */
export function freeSpot(doc: EditorDoc, catalog: Catalog, classRef: string, start: Position, columns = 4, gap = GAP): Position {
  const boxes: Box[] = doc.manifest.appliances.map((a, i) => {
    const at = doc.positions[a.name] ?? fallbackPosition(i);
    const size = nodeGeometry(catalog.get(a.class));
    return { x: at.x, y: at.y, width: size.width, height: size.height };
  });
  const size = nodeGeometry(catalog.get(classRef));
  for (let row = 0; ; row++) {
    for (let col = 0; col < Math.max(1, columns); col++) {
      const candidate = { x: Math.round(start.x + col * STEP_X), y: Math.round(start.y + row * STEP_Y), ...size };
      if (!boxes.some((b) => overlaps(candidate, b, gap))) return { x: candidate.x, y: candidate.y };
    }
  }
}
