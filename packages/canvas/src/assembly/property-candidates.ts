// The properties "Save as assembly" can expose on the box: each selected appliance's class
// properties, named uniquely (`workers`, or `web_workers` when two appliances both have one),
// defaulting to the value the appliance has now.
import type { Catalog, ManifestPropertyValue } from '@colo/manifest';
import type { EditorDoc } from '../editor-doc';

export interface PropertyCandidate {
  /** `appliance.property` */
  target: string;
  appliance: string;
  property: string;
  name: string;
  label: string;
  default?: ManifestPropertyValue;
  type: string;
}

export function propertyCandidates(doc: EditorDoc, catalog: Catalog, selection: readonly string[]): PropertyCandidate[] {
  const inside = new Set(selection);
  const appliances = doc.manifest.appliances.filter((a) => inside.has(a.name));
  const counts = new Map<string, number>();
  for (const a of appliances) for (const p of catalog.get(a.class)?.properties ?? []) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return appliances.flatMap((a) =>
    (catalog.get(a.class)?.properties ?? []).map((p) => {
      const shared = (counts.get(p.name) ?? 0) > 1;
      const value = a.properties?.[p.name] ?? p.default;
      return {
        target: `${a.name}.${p.name}`,
        appliance: a.name,
        property: p.name,
        name: shared ? `${a.name.replace(/-/g, '_')}_${p.name}` : p.name,
        label: shared ? `${a.name} ${p.name}` : p.name,
        ...(value === undefined ? {} : { default: value }),
        type: p.type,
      };
    }),
  );
}
