// The box an assembly is on a canvas, as a class the validator and the editor already understand:
// its inputs and outputs are the interior terminals chosen as its boundary (same protocol, port,
// mandatory flag), its properties the interior properties it exposes. It has no image, volumes or
// health of its own: the engine never sees it, because a manifest is expanded before it deploys.
import type { AssemblyDefinition } from './assembly-schema';
import { type ApplianceClass, type Catalog, type InputTerminal, type OutputTerminal, parseMemory } from './class-schema';
import { parseEndpoint } from './endpoint';

/** What a boundary terminal stands for inside the assembly, once its class is known. */
export type BoundaryTerminal =
  | { kind: 'input'; appliance: string; terminal: InputTerminal }
  | { kind: 'output'; appliance: string; terminal: OutputTerminal };

/** The interior terminal behind `endpoint` ("web.db"), or undefined when there is none. */
export function interiorTerminal(def: AssemblyDefinition, endpoint: string, catalog: Catalog): BoundaryTerminal | undefined {
  const ref = parseEndpoint(endpoint);
  if (!ref) return undefined;
  const appliance = def.appliances.find((a) => a.name === ref.appliance);
  const cls = appliance ? catalog.get(appliance.class) : undefined;
  if (!cls) return undefined;
  const input = cls.terminals.inputs.find((t) => t.name === ref.terminal);
  if (input) return { kind: 'input', appliance: ref.appliance, terminal: input };
  const output = cls.terminals.outputs.find((t) => t.name === ref.terminal);
  if (output) return { kind: 'output', appliance: ref.appliance, terminal: output };
  return undefined;
}

/** Total cpu and memory of the interior at its configured replicas: what one box costs. */
function interiorCost(def: AssemblyDefinition, catalog: Catalog): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const appliance of def.appliances) {
    const cls = catalog.get(appliance.class);
    if (!cls) continue;
    const replicas = appliance.replicas ?? cls.replicas.default;
    cpu += replicas * (appliance.resources?.cpu ?? cls.resources.cpu.default);
    memory += replicas * parseMemory(appliance.resources?.memory ?? cls.resources.memory.default);
  }
  // Bounds must be positive; an interior scaled to zero still has a box.
  return { cpu: Math.max(Math.round(cpu * 1000) / 1000, 0.001), memory: Math.max(memory, 1) };
}

/**
 * The class of an assembly's box. Terminals or properties that point at nothing are left out
 * (validate-assembly.ts refuses such a definition; a stored one is trusted but not blindly).
 */
export function assemblyClass(def: AssemblyDefinition, catalog: Catalog): ApplianceClass {
  const inputs: InputTerminal[] = [];
  const outputs: OutputTerminal[] = [];
  for (const boundary of def.terminals) {
    const inner = interiorTerminal(def, boundary.endpoint, catalog);
    if (!inner) continue;
    const description = boundary.description ?? inner.terminal.description;
    if (inner.kind === 'input') inputs.push({ ...inner.terminal, name: boundary.name, clientEnv: {}, description });
    else outputs.push({ ...inner.terminal, name: boundary.name, description });
  }
  const properties: ApplianceClass['properties'] = [];
  for (const exposed of def.properties) {
    const [applianceName, propertyName] = exposed.target.split('.');
    const appliance = def.appliances.find((a) => a.name === applianceName);
    const cls = appliance ? catalog.get(appliance.class) : undefined;
    const inner = cls?.properties.find((p) => p.name === propertyName);
    if (!appliance || !inner) continue;
    const fallback = exposed.default ?? appliance.properties?.[propertyName] ?? inner.default;
    properties.push({
      ...inner,
      name: exposed.name,
      description: exposed.description ?? exposed.label ?? inner.description,
      default: fallback,
      required: inner.required && fallback === undefined,
    });
  }
  const cost = interiorCost(def, catalog);
  return {
    id: def.id,
    version: def.version,
    title: def.title,
    description: def.description,
    category: 'other',
    icon: def.icon,
    terminals: { inputs, outputs },
    volumes: [],
    properties,
    secrets: [],
    env: {},
    resources: {
      cpu: { min: cost.cpu, max: cost.cpu, default: cost.cpu },
      memory: { min: cost.memory, max: cost.memory, default: cost.memory },
    },
    replicas: { min: 1, max: 1, default: 1 },
    capabilities: [],
    rootfs: 'read-only',
    egress: false,
  };
}
