// Deleting a selection: the appliances, every wire touching them, their positions, and the
// start-order references to them, so no dangling name is left behind to become an error.
import type { Connection } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';
import type { Edit } from './edit';
import { disconnect } from './wiring';

function owner(endpoint: string): string {
  return endpoint.slice(0, endpoint.indexOf('.'));
}

export function removeItems(doc: EditorDoc, items: { appliances?: readonly string[]; connections?: readonly Connection[] }): Edit {
  let next = doc;
  if (items.connections && items.connections.length > 0) {
    const cut = disconnect(next, items.connections);
    if (cut.ok) next = cut.doc;
  }
  const gone = new Set(items.appliances ?? []);
  if (gone.size > 0) {
    const appliances = next.manifest.appliances
      .filter((a) => !gone.has(a.name))
      .map((a) => {
        if (!a.startAfter?.some((n) => gone.has(n))) return a;
        const startAfter = a.startAfter.filter((n) => !gone.has(n));
        const { startAfter: _dropped, ...rest } = a;
        return startAfter.length > 0 ? { ...rest, startAfter } : rest;
      });
    const connections = next.manifest.connections.filter((c) => !gone.has(owner(c.from)) && !gone.has(owner(c.to)));
    const positions = Object.fromEntries(Object.entries(next.positions).filter(([name]) => !gone.has(name)));
    next = { manifest: { ...next.manifest, appliances, connections }, positions };
  }
  return { ok: true, doc: next };
}
