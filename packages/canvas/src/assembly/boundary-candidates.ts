// What "Save as assembly" offers as the new box's boundary: every terminal of the selected
// appliances that no wire inside the selection uses (an input fed from inside still counts when
// something outside feeds it too), pre-ticked when a wire from outside or a published port
// already depends on it, each with a name unique on the box.
import { type Catalog, DNS_LABEL, parseEndpoint } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';
import { toDnsLabel } from '../fresh-name';

export interface BoundaryCandidate {
  /** The interior terminal: `appliance.terminal`. */
  endpoint: string;
  appliance: string;
  terminal: string;
  kind: 'input' | 'output';
  protocol: string;
  /** The box terminal's suggested name: the terminal's own, or `appliance-terminal` when taken. */
  name: string;
  /** Wired to an appliance outside the selection, or (an input) published on a host port. */
  preselected: boolean;
  /** Why it is pre-ticked, for the dialog. */
  because?: 'wired-outside' | 'exposed';
}

function uniqueName(wanted: string, fallback: string, taken: Set<string>): string {
  const candidates = [wanted, toDnsLabel(fallback)];
  for (const c of candidates) if (DNS_LABEL.test(c) && !taken.has(c)) return c;
  const stem = toDnsLabel(fallback).slice(0, 28).replace(/-+$/, '');
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Candidates in selection order, inputs before outputs per appliance, as the box draws them. */
export function boundaryCandidates(doc: EditorDoc, catalog: Catalog, selection: readonly string[]): BoundaryCandidate[] {
  const inside = new Set(selection);
  const wiredInside = new Set<string>();
  const wiredOutside = new Set<string>();
  for (const c of doc.manifest.connections) {
    const from = parseEndpoint(c.from);
    const to = parseEndpoint(c.to);
    if (!from || !to) continue;
    const fromIn = inside.has(from.appliance);
    const toIn = inside.has(to.appliance);
    if (fromIn && toIn) {
      wiredInside.add(c.from);
      wiredInside.add(c.to);
    } else if (fromIn) wiredOutside.add(c.from);
    else if (toIn) wiredOutside.add(c.to);
  }
  const taken = new Set<string>();
  const out: BoundaryCandidate[] = [];
  for (const appliance of doc.manifest.appliances) {
    if (!inside.has(appliance.name)) continue;
    const cls = catalog.get(appliance.class);
    if (!cls) continue;
    const exposed = new Set((appliance.expose ?? []).map((e) => e.terminal));
    const terminals = [
      ...cls.terminals.inputs.map((t) => ({ kind: 'input' as const, name: t.name, protocol: t.protocol })),
      ...cls.terminals.outputs.map((t) => ({ kind: 'output' as const, name: t.name, protocol: t.protocol })),
    ];
    for (const t of terminals) {
      const endpoint = `${appliance.name}.${t.name}`;
      const outside = wiredOutside.has(endpoint);
      if (wiredInside.has(endpoint) && !outside) continue;
      const isExposed = t.kind === 'input' && exposed.has(t.name);
      const name = uniqueName(t.name, `${appliance.name}-${t.name}`, taken);
      taken.add(name);
      out.push({
        endpoint,
        appliance: appliance.name,
        terminal: t.name,
        kind: t.kind,
        protocol: t.protocol,
        name,
        preselected: outside || isExposed,
        ...(outside ? { because: 'wired-outside' as const } : isExposed ? { because: 'exposed' as const } : {}),
      });
    }
  }
  return out;
}
