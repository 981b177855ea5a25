// From a validated manifest to what the engine builds: classes looked up, every default applied.
import { type Catalog, parseMemory } from './class-schema';
import { parseEndpoint } from './endpoint';
import type { Manifest } from './manifest-schema';
import type { PropertyValue, ResolvedAppliance, ResolvedConnection, ResolvedManifest, TerminalRef } from './resolved';

function endpoint(text: string): TerminalRef {
  const ref = parseEndpoint(text);
  if (!ref) throw new Error(`resolveManifest: "${text}" is not appliance.terminal; validate the manifest first`);
  return ref;
}

/**
 * Expects a manifest that `validateManifest` accepted against the same catalog; anything else is
 * a programming error and throws.
 */
export function resolveManifest(manifest: Manifest, catalog: Catalog): ResolvedManifest {
  const appliances = manifest.appliances.map((appliance): ResolvedAppliance => {
    const cls = catalog.get(appliance.class);
    if (!cls) throw new Error(`resolveManifest: unknown class "${appliance.class}"; validate the manifest first`);
    const properties: Record<string, PropertyValue> = {};
    for (const prop of cls.properties) {
      const value = appliance.properties?.[prop.name] ?? prop.default;
      if (value !== undefined) properties[prop.name] = value;
    }
    return {
      name: appliance.name,
      class: cls,
      replicas: appliance.replicas ?? cls.replicas.default,
      resources: {
        cpu: appliance.resources?.cpu ?? cls.resources.cpu.default,
        memoryBytes: parseMemory(appliance.resources?.memory ?? cls.resources.memory.default),
      },
      properties,
      expose: (appliance.expose ?? []).map(({ terminal, port, node }) => ({ terminal, port, ...(node !== undefined ? { node } : {}) })),
      standby: appliance.standby ?? false,
      startAfter: [...(appliance.startAfter ?? [])],
      ...(appliance.placement && Object.keys(appliance.placement).length > 0 ? { placement: { ...appliance.placement } } : {}),
    };
  });
  const connections = manifest.connections.map(
    (c): ResolvedConnection => ({ from: endpoint(c.from), to: endpoint(c.to) }),
  );
  return { name: manifest.name, appliances, connections };
}
