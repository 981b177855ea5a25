// Moving boxes. Positions are whole pixels so the manifest's `visual` stays short and stable.
import type { Position } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';

/** The document with the given appliances moved; the same object when nothing moved. */
export function moveAppliances(doc: EditorDoc, moves: Readonly<Record<string, Position>>): EditorDoc {
  const names = new Set(doc.manifest.appliances.map((a) => a.name));
  let positions: Record<string, Position> | undefined;
  for (const [name, at] of Object.entries(moves)) {
    if (!names.has(name)) continue;
    const next = { x: Math.round(at.x), y: Math.round(at.y) };
    const before = doc.positions[name];
    if (before && before.x === next.x && before.y === next.y) continue;
    positions ??= { ...doc.positions };
    positions[name] = next;
  }
  return positions ? { manifest: doc.manifest, positions } : doc;
}
