// The editor's document: the manifest's meaning and the drawing's layout, held apart so a move
// never touches an appliance and an edit never touches a position. Immutable: every command
// returns a new document that shares what it did not change.
import type { Appliance, Connection, ManifestInput, Position } from '@colo/manifest';

export interface DocManifest {
  apiVersion: 'colo/v1';
  kind: 'VDC';
  name: string;
  description?: string;
  appliances: Appliance[];
  connections: Connection[];
}

export interface EditorDoc {
  readonly manifest: DocManifest;
  /** Canvas position of each appliance by name; missing ones are placed by the canvas. */
  readonly positions: Readonly<Record<string, Position>>;
}

export function emptyDoc(name: string): EditorDoc {
  return { manifest: { apiVersion: 'colo/v1', kind: 'VDC', name, appliances: [], connections: [] }, positions: {} };
}

/**
 * A manifest (already shaped by the schema, or close enough) as a document. Layout entries for
 * appliances that do not exist are dropped: the validator only warns about them and nothing on
 * the canvas could ever move or remove them.
 */
export function manifestToDoc(manifest: ManifestInput): EditorDoc {
  const appliances = (manifest.appliances ?? []) as Appliance[];
  const names = new Set(appliances.map((a) => a.name));
  const positions: Record<string, Position> = {};
  for (const [name, at] of Object.entries(manifest.visual ?? {})) {
    if (names.has(name)) positions[name] = { x: at.x, y: at.y };
  }
  const doc: DocManifest = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: manifest.name,
    appliances: [...appliances],
    connections: [...((manifest.connections ?? []) as Connection[])],
  };
  if (manifest.description !== undefined) doc.description = manifest.description;
  return { manifest: doc, positions };
}

/** The manifest to save, validate or show as YAML: layout goes to `visual`, in appliance order. */
export function docToManifest(doc: EditorDoc): ManifestInput {
  const visual: Record<string, Position> = {};
  for (const a of doc.manifest.appliances) {
    const at = doc.positions[a.name];
    if (at) visual[a.name] = { x: at.x, y: at.y };
  }
  const out: ManifestInput = { ...doc.manifest };
  if (Object.keys(visual).length > 0) out.visual = visual;
  return out;
}

export function findAppliance(doc: EditorDoc, name: string): Appliance | undefined {
  return doc.manifest.appliances.find((a) => a.name === name);
}

export function applianceNames(doc: EditorDoc): Set<string> {
  return new Set(doc.manifest.appliances.map((a) => a.name));
}

/** The same document with `manifest` parts replaced; positions kept. */
export function withManifest(doc: EditorDoc, patch: Partial<DocManifest>): EditorDoc {
  return { manifest: { ...doc.manifest, ...patch }, positions: doc.positions };
}
