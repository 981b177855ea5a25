// Drawing and cutting wires. Whether a wire may exist is decided by @colo/manifest's canConnect,
// the validator's own rules, so the canvas refuses exactly what the server would refuse.
import { type Catalog, type Connection, canConnect, formatEndpoint, type TerminalRef } from '@colo/manifest';
import { type EditorDoc, withManifest } from '../editor-doc';
import { type Edit, refuse } from './edit';

export function connect(doc: EditorDoc, catalog: Catalog, from: TerminalRef, to: TerminalRef): Edit<{ connection: Connection }> {
  const verdict = canConnect(doc.manifest, catalog, from, to);
  if (!verdict.ok) return refuse(verdict.reason);
  const connection = { from: formatEndpoint(from), to: formatEndpoint(to) };
  return { ok: true, connection, doc: withManifest(doc, { connections: [...doc.manifest.connections, connection] }) };
}

/** Removes one occurrence of each given wire (a hand-written manifest may repeat one). */
export function disconnect(doc: EditorDoc, wires: readonly Connection[]): Edit {
  const connections = [...doc.manifest.connections];
  let removed = 0;
  for (const wire of wires) {
    const i = connections.findIndex((c) => c.from === wire.from && c.to === wire.to);
    if (i === -1) continue;
    connections.splice(i, 1);
    removed++;
  }
  if (removed === 0) return refuse('no such connection');
  return { ok: true, doc: withManifest(doc, { connections }) };
}

/** The wire an edge id (`from->to`, `from->to#2`) names. */
export function connectionFromId(id: string): Connection | undefined {
  const m = /^([^>]+)->([^#]+)(#\d+)?$/.exec(id);
  return m ? { from: m[1], to: m[2] } : undefined;
}
