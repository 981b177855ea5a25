// The part of a (possibly broken) manifest the semantic rules can trust: every field that passed
// its own schema, with classes looked up. Building it field by field lets one bad value hide only
// itself, so a single run reports every problem instead of stopping at the first typo.
import type { ApplianceClass, Catalog } from './class-schema';
import { Suggestions } from './closest-match';
import { dnsLabel } from './class-schema';
import { parseEndpoint } from './endpoint';
import {
  applianceShape,
  exposeSchema,
  type ManifestPropertyValue,
  isPropertyValue,
  resourcesShape,
} from './manifest-schema';
import { placementShape } from './placement';
import type { TerminalRef } from './resolved';

export interface ApplianceEntry {
  index: number;
  /** Absent when the name is missing or not a DNS label. */
  name?: string;
  classRef?: string;
  /** Absent when the class is unknown (or `classRef` is absent). */
  cls?: ApplianceClass;
  replicas?: number;
  cpu?: number;
  memory?: number | string;
  /** Values that passed the schema. */
  properties: Map<string, ManifestPropertyValue>;
  /** Every key written under `properties`, valid or not. */
  propertyKeys: string[];
  expose: { index: number; terminal: string; port: number; node?: string }[];
  startAfter: { index: number; name: string }[];
  /** `standby` / `failover` / `placement` when written: keys only a box of containers has (not an assembly). */
  containerOnlyKeys: ('standby' | 'failover' | 'placement')[];
  /** The placement group, when it passed its schema. */
  group?: string;
}

export interface ConnectionEntry {
  index: number;
  from?: TerminalRef;
  to?: TerminalRef;
}

/** What a name refers to: an appliance, one that exists but cannot be read, or nothing. */
export type Lookup = { kind: 'found'; entry: ApplianceEntry } | { kind: 'unreadable' } | { kind: 'missing' };

export interface ManifestModel {
  appliances: ApplianceEntry[];
  connections: ConnectionEntry[];
  visualKeys: string[];
  lookup(name: string): Lookup;
  /** The readable appliance names, in order, each once. */
  names(): string[];
  /** "Did you mean" for this validation: memoised and capped (see closest-match.ts). */
  suggestions: Suggestions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field<K extends keyof typeof applianceShape>(raw: Record<string, unknown>, key: K) {
  if (!Object.hasOwn(raw, key)) return undefined;
  const result = applianceShape[key].safeParse(raw[key]);
  return result.success ? result.data : undefined;
}

function readAppliance(raw: unknown, index: number, catalog: Catalog): ApplianceEntry {
  const entry: ApplianceEntry = { index, properties: new Map(), propertyKeys: [], expose: [], startAfter: [], containerOnlyKeys: [] };
  if (!isRecord(raw)) return entry;
  if (raw.standby !== undefined) entry.containerOnlyKeys.push('standby');
  if (raw.failover !== undefined) entry.containerOnlyKeys.push('failover');
  if (raw.placement !== undefined) entry.containerOnlyKeys.push('placement');
  if (isRecord(raw.placement)) {
    const group = placementShape.group.safeParse(raw.placement.group);
    if (group.success) entry.group = group.data;
  }
  entry.name = field(raw, 'name') as string | undefined;
  entry.classRef = field(raw, 'class') as string | undefined;
  if (entry.classRef !== undefined) entry.cls = catalog.get(entry.classRef);
  entry.replicas = field(raw, 'replicas') as number | undefined;
  if (isRecord(raw.resources)) {
    const cpu = resourcesShape.cpu.safeParse(raw.resources.cpu);
    if (cpu.success) entry.cpu = cpu.data;
    const memory = resourcesShape.memory.safeParse(raw.resources.memory);
    if (memory.success) entry.memory = memory.data;
  }
  if (isRecord(raw.properties)) {
    for (const [key, value] of Object.entries(raw.properties)) {
      entry.propertyKeys.push(key);
      if (isPropertyValue(value)) entry.properties.set(key, value);
    }
  }
  if (Array.isArray(raw.expose)) {
    raw.expose.forEach((item, i) => {
      const parsed = exposeSchema.safeParse(item);
      if (parsed.success) entry.expose.push({ index: i, ...parsed.data });
    });
  }
  if (Array.isArray(raw.startAfter)) {
    raw.startAfter.forEach((item, i) => {
      const parsed = dnsLabel.safeParse(item);
      if (parsed.success) entry.startAfter.push({ index: i, name: parsed.data });
    });
  }
  return entry;
}

function readEndpoint(value: unknown): TerminalRef | undefined {
  return typeof value === 'string' ? parseEndpoint(value) : undefined;
}

export function buildModel(input: unknown, catalog: Catalog): ManifestModel {
  const root = isRecord(input) ? input : {};
  // If `appliances` itself is unreadable, no reference to an appliance can be judged missing.
  const appliancesReadable = root.appliances === undefined || Array.isArray(root.appliances);
  const rawAppliances: unknown[] = Array.isArray(root.appliances) ? root.appliances : [];
  const appliances = rawAppliances.map((raw, i) => readAppliance(raw, i, catalog));

  const byName = new Map<string, ApplianceEntry>();
  const unreadable = new Set<string>();
  appliances.forEach((entry, i) => {
    if (entry.name !== undefined) {
      if (!byName.has(entry.name)) byName.set(entry.name, entry);
    } else {
      const raw = rawAppliances[i];
      if (isRecord(raw) && typeof raw.name === 'string') unreadable.add(raw.name);
    }
  });

  const rawConnections: unknown[] = Array.isArray(root.connections) ? root.connections : [];
  const connections = rawConnections.map((raw, index) => ({
    index,
    from: isRecord(raw) ? readEndpoint(raw.from) : undefined,
    to: isRecord(raw) ? readEndpoint(raw.to) : undefined,
  }));

  const names = [...byName.keys()];
  return {
    appliances,
    connections,
    names: () => names,
    suggestions: new Suggestions(),
    visualKeys: isRecord(root.visual) ? Object.keys(root.visual) : [],
    lookup(name) {
      const entry = byName.get(name);
      if (entry) return { kind: 'found', entry };
      if (!appliancesReadable || unreadable.has(name)) return { kind: 'unreadable' };
      return { kind: 'missing' };
    },
  };
}
