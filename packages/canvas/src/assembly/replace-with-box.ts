// After "Save as assembly": the selection becomes one box of the new assembly at its centre.
// Wires to the rest of the drawing move to the box's boundary terminals, published ports and
// start orders follow, and the whole swap is one undo step. A wire whose interior terminal was
// not made a boundary terminal has nowhere to go: it is dropped and reported.
import { type Catalog, type Connection, type Expose, parseEndpoint } from '@colo/manifest';
import { type Edit, refuse } from '../commands/edit';
import { applianceNames, type EditorDoc } from '../editor-doc';
import { fallbackPosition } from '../flow';
import { freshName } from '../fresh-name';
import { nodeGeometry } from '../node-geometry';
import type { ChosenTerminal } from './assembly-from-selection';

export interface BoxPlacement {
  /** `id@version`: pinned, so the drawing means the version just saved. */
  classRef: string;
  /** The box's name if free (usually the assembly id). */
  name: string;
  terminals: readonly ChosenTerminal[];
}

/** The centre of the selected boxes' bounding rectangle. */
function centreOf(doc: EditorDoc, catalog: Catalog, selection: ReadonlySet<string>) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  doc.manifest.appliances.forEach((a, i) => {
    if (!selection.has(a.name)) return;
    const at = doc.positions[a.name] ?? fallbackPosition(i);
    const size = nodeGeometry(catalog.get(a.class));
    left = Math.min(left, at.x);
    top = Math.min(top, at.y);
    right = Math.max(right, at.x + size.width);
    bottom = Math.max(bottom, at.y + size.height);
  });
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

export function replaceWithBox(
  doc: EditorDoc,
  catalog: Catalog,
  selection: readonly string[],
  box: BoxPlacement,
): Edit<{ name: string; dropped: Connection[] }> {
  const inside = new Set(selection.filter((n) => doc.manifest.appliances.some((a) => a.name === n)));
  if (inside.size === 0) return refuse('nothing selected to replace');
  const boundary = new Map(box.terminals.map((t) => [t.endpoint, t.name]));
  const remaining = applianceNames(doc);
  for (const n of inside) remaining.delete(n);
  const name = freshName(box.name, remaining);
  const isInside = (endpoint: string) => {
    const ref = parseEndpoint(endpoint);
    return ref !== undefined && inside.has(ref.appliance);
  };

  const connections: Connection[] = [];
  const dropped: Connection[] = [];
  for (const c of doc.manifest.connections) {
    const fromIn = isInside(c.from);
    const toIn = isInside(c.to);
    if (fromIn && toIn) continue;
    if (!fromIn && !toIn) {
      connections.push(c);
      continue;
    }
    const moved = boundary.get(fromIn ? c.from : c.to);
    if (moved === undefined) dropped.push(c);
    else connections.push(fromIn ? { from: `${name}.${moved}`, to: c.to } : { from: c.from, to: `${name}.${moved}` });
  }

  const expose: Expose[] = [];
  const after = new Set<string>();
  for (const a of doc.manifest.appliances) {
    if (!inside.has(a.name)) continue;
    for (const e of a.expose ?? []) {
      const moved = boundary.get(`${a.name}.${e.terminal}`);
      if (moved !== undefined) expose.push({ ...e, terminal: moved });
    }
    for (const n of a.startAfter ?? []) if (!inside.has(n)) after.add(n);
  }

  const centre = centreOf(doc, catalog, inside);
  const size = nodeGeometry(catalog.get(box.classRef));
  const boxAppliance = {
    name,
    class: box.classRef,
    ...(expose.length > 0 ? { expose } : {}),
    ...(after.size > 0 ? { startAfter: [...after] } : {}),
  };
  const first = doc.manifest.appliances.findIndex((a) => inside.has(a.name));
  const appliances = doc.manifest.appliances.flatMap((a, i) => {
    if (i === first) return [boxAppliance];
    if (inside.has(a.name)) return [];
    if (!a.startAfter?.some((n) => inside.has(n))) return [a];
    // Whatever waited for a part of the selection now waits for the box.
    const startAfter = [...new Set(a.startAfter.map((n) => (inside.has(n) ? name : n)))];
    return [{ ...a, startAfter }];
  });
  const positions = Object.fromEntries(Object.entries(doc.positions).filter(([n]) => !inside.has(n)));
  positions[name] = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  return { ok: true, name, dropped, doc: { manifest: { ...doc.manifest, appliances, connections }, positions } };
}
