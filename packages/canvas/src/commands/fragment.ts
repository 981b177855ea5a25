// A piece of a drawing that can be put into another: what copy takes, what paste and a dropped
// assembly insert. Inserting renames everything to fresh names and keeps the wires inside the
// piece, so a pasted LB → web pair is wired to itself, never to the originals.
import type { Appliance, Connection, ManifestInput, Position } from '@colo/manifest';
import { parseEndpoint } from '@colo/manifest';
import { applianceNames, type EditorDoc } from '../editor-doc';
import { fallbackPosition } from '../flow';
import { freshName } from '../fresh-name';
import { type Edit, refuse } from './edit';

export interface Fragment {
  appliances: Appliance[];
  /** Only wires with both ends inside the fragment. */
  connections: Connection[];
  positions: Record<string, Position>;
}

function isInside(endpoint: string, names: ReadonlySet<string>): boolean {
  const ref = parseEndpoint(endpoint);
  return ref !== undefined && names.has(ref.appliance);
}

/** The named appliances with the wires among them; wires to the rest are left behind. */
export function copyFragment(doc: EditorDoc, names: Iterable<string>): Fragment {
  const wanted = new Set(names);
  const appliances = doc.manifest.appliances.filter((a) => wanted.has(a.name));
  const kept = new Set(appliances.map((a) => a.name));
  const positions: Record<string, Position> = {};
  appliances.forEach((a, i) => {
    positions[a.name] = doc.positions[a.name] ?? fallbackPosition(i);
  });
  return {
    appliances: structuredClone(appliances),
    connections: doc.manifest.connections.filter((c) => isInside(c.from, kept) && isInside(c.to, kept)),
    positions,
  };
}

/** An assembly (or any manifest) as a fragment. */
export function fragmentFromManifest(manifest: ManifestInput): Fragment {
  const appliances = structuredClone((manifest.appliances ?? []) as Appliance[]);
  const names = new Set(appliances.map((a) => a.name));
  const positions: Record<string, Position> = {};
  appliances.forEach((a, i) => {
    const at = manifest.visual?.[a.name];
    positions[a.name] = at ? { x: at.x, y: at.y } : fallbackPosition(i);
  });
  const connections = ((manifest.connections ?? []) as Connection[]).filter(
    (c) => isInside(c.from, names) && isInside(c.to, names),
  );
  return { appliances, connections, positions };
}

function takenPorts(doc: EditorDoc): Set<number> {
  return new Set(doc.manifest.appliances.flatMap((a) => (a.expose ?? []).map((e) => e.port)));
}

function freePort(wanted: number, taken: Set<number>): number | undefined {
  for (let port = wanted; port <= 65535; port++) if (!taken.has(port)) return port;
  return undefined;
}

export type Placement = { at: Position } | { offset: Position };

/**
 * Inserts `fragment` with fresh names. `at` puts the fragment's top-left corner there; `offset`
 * shifts it from where it was. Host ports that are taken move to the next free one, start
 * orders follow the renames, and references to appliances that are not in the document go.
 */
export function insertFragment(doc: EditorDoc, fragment: Fragment, placement: Placement): Edit<{ names: string[] }> {
  if (fragment.appliances.length === 0) return refuse('nothing to insert');
  const taken = applianceNames(doc);
  const rename = new Map<string, string>();
  for (const a of fragment.appliances) {
    const name = freshName(a.name, taken);
    taken.add(name);
    rename.set(a.name, name);
  }

  const all = Object.values(fragment.positions);
  const left = Math.min(...all.map((p) => p.x));
  const top = Math.min(...all.map((p) => p.y));
  const shift = 'at' in placement ? { x: placement.at.x - left, y: placement.at.y - top } : placement.offset;

  const ports = takenPorts(doc);
  const existing = applianceNames(doc);
  const positions = { ...doc.positions };
  const added = fragment.appliances.map((original) => {
    const a: Appliance = { ...structuredClone(original), name: rename.get(original.name)! };
    if (a.expose) {
      a.expose = a.expose.flatMap((e) => {
        const port = freePort(e.port, ports);
        if (port === undefined) return [];
        ports.add(port);
        return [{ ...e, port }];
      });
      if (a.expose.length === 0) delete a.expose;
    }
    if (a.startAfter) {
      a.startAfter = a.startAfter.flatMap((n) => rename.get(n) ?? (existing.has(n) ? [n] : []));
      if (a.startAfter.length === 0) delete a.startAfter;
    }
    const at = fragment.positions[original.name] ?? { x: left, y: top };
    positions[a.name] = { x: Math.round(at.x + shift.x), y: Math.round(at.y + shift.y) };
    return a;
  });

  const renameEndpoint = (endpoint: string) => {
    const ref = parseEndpoint(endpoint)!;
    return `${rename.get(ref.appliance)}.${ref.terminal}`;
  };
  const wires = fragment.connections.map((c) => ({ from: renameEndpoint(c.from), to: renameEndpoint(c.to) }));
  return {
    ok: true,
    names: added.map((a) => a.name),
    doc: {
      manifest: {
        ...doc.manifest,
        appliances: [...doc.manifest.appliances, ...added],
        connections: [...doc.manifest.connections, ...wires],
      },
      positions,
    },
  };
}
