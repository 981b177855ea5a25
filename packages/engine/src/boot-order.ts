// Who boots after whom: a client after the servers it is wired to, an appliance after its
// `startAfter` list. Deploy, start and stop all follow these layers.
import type { ResolvedManifest } from '@colo/manifest';
import { EngineError } from './engine-error';

/** appliance → appliances it boots after (sorted, without itself or unknown names). */
export function applianceDependencies(manifest: ResolvedManifest): Map<string, string[]> {
  const names = new Set(manifest.appliances.map((a) => a.name));
  const deps = new Map<string, Set<string>>([...names].map((n) => [n, new Set<string>()]));
  for (const c of manifest.connections) {
    if (c.from.appliance !== c.to.appliance && names.has(c.to.appliance)) deps.get(c.from.appliance)?.add(c.to.appliance);
  }
  for (const a of manifest.appliances) {
    for (const after of a.startAfter) if (after !== a.name && names.has(after)) deps.get(a.name)?.add(after);
  }
  return new Map([...deps].map(([name, set]) => [name, [...set].sort()]));
}

/** Appliances grouped into layers: each layer only depends on earlier ones. Throws on a cycle. */
export function bootLayers(deps: Map<string, string[]>): string[][] {
  const layers: string[][] = [];
  const placed = new Set<string>();
  let remaining = [...deps.keys()].sort();
  while (remaining.length > 0) {
    const layer = remaining.filter((name) => (deps.get(name) ?? []).every((d) => placed.has(d) || !deps.has(d)));
    if (layer.length === 0) {
      throw new EngineError('invalid_manifest', `boot order has a cycle through: ${remaining.join(', ')}`);
    }
    layers.push(layer);
    for (const name of layer) placed.add(name);
    remaining = remaining.filter((name) => !placed.has(name));
  }
  return layers;
}
