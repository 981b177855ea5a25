// The definition "Save as assembly" posts: the selected appliances with the wires among them and
// their layout (moved to start at 0,0), the chosen boundary terminals and exposed properties.
// Published ports are the VDC's business, never the interior's: they move to the box instead.
import type { Appliance, AssemblyDefinitionInput, Connection, ManifestPropertyValue, Position } from '@colo/manifest';
import { copyFragment } from '../commands/fragment';
import type { EditorDoc } from '../editor-doc';

export interface ChosenTerminal {
  endpoint: string;
  name: string;
}

export interface ChosenProperty {
  target: string;
  name: string;
  label?: string;
  default?: ManifestPropertyValue;
}

export interface AssemblyMeta {
  id: string;
  title: string;
  description?: string;
  icon?: AssemblyDefinitionInput['icon'];
}

/** The definition without `version` (the server assigns it). */
export type AssemblyDraft = Omit<AssemblyDefinitionInput, 'version'>;

export function assemblyFromSelection(
  doc: EditorDoc,
  selection: readonly string[],
  meta: AssemblyMeta,
  terminals: readonly ChosenTerminal[],
  properties: readonly ChosenProperty[],
): AssemblyDraft {
  const piece = copyFragment(doc, selection);
  const names = new Set(piece.appliances.map((a) => a.name));
  const appliances: Appliance[] = piece.appliances.map((original) => {
    const { expose: _published, startAfter, ...rest } = original;
    const kept = startAfter?.filter((n) => names.has(n)) ?? [];
    return kept.length > 0 ? { ...rest, startAfter: kept } : rest;
  });
  const at = Object.values(piece.positions);
  const left = Math.min(...at.map((p) => p.x));
  const top = Math.min(...at.map((p) => p.y));
  const visual: Record<string, Position> = {};
  for (const [name, p] of Object.entries(piece.positions)) visual[name] = { x: Math.round(p.x - left), y: Math.round(p.y - top) };
  const connections: Connection[] = piece.connections.map((c) => ({ from: c.from, to: c.to }));
  return {
    apiVersion: 'colo/v1',
    kind: 'Assembly',
    id: meta.id,
    title: meta.title,
    description: meta.description ?? '',
    ...(meta.icon ? { icon: meta.icon } : {}),
    appliances,
    connections,
    visual,
    terminals: terminals.map((t) => ({ name: t.name, endpoint: t.endpoint })),
    properties: properties.map((p) => ({
      name: p.name,
      target: p.target,
      ...(p.label ? { label: p.label } : {}),
      ...(p.default === undefined ? {} : { default: p.default }),
    })),
  };
}
