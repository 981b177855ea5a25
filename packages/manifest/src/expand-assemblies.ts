// Assembly boxes → the appliances they stand for, so the engine, quotas and status only ever see
// classes. An instance `shop` of an assembly holding `web` and `db` becomes `shop-web` and
// `shop-db`; its wires inside come along renamed; a wire to `shop.http` lands on the interior
// terminal the boundary terminal `http` stands for; the box's properties set the interior
// properties they expose; its `expose` publishes the interior terminal; `startAfter: [shop]` waits
// for every appliance of the instance. Nested assemblies expand the same way, up to a depth.
import { interiorTerminal } from './assembly-class';
import { type AssemblyDefinition, MAX_ASSEMBLY_DEPTH } from './assembly-schema';
import { type Catalog, DNS_LABEL } from './class-schema';
import { formatEndpoint, parseEndpoint } from './endpoint';
import { type Issue, IssueList, type PathSegment } from './issue';
import type { Appliance, Connection, Manifest } from './manifest-schema';

interface Graph {
  appliances: Appliance[];
  connections: Connection[];
}

/** What one expanded instance offers the graph around it. */
interface Instance {
  /** Boundary terminal name → the expanded endpoint it stands for. */
  terminals: Map<string, string>;
  /** The expanded names of every appliance it became. */
  members: string[];
}

export type ExpandResult = { ok: true; manifest: Manifest; errors: Issue[] } | { ok: false; errors: Issue[] };

/** True when any appliance of the manifest is an assembly box. */
export function hasAssemblies(manifest: Pick<Manifest, 'appliances'>, catalog: Catalog): boolean {
  return catalog.assembly !== undefined && manifest.appliances.some((a) => catalog.assembly?.(a.class) !== undefined);
}

/**
 * Expects a manifest the validator accepted against the same catalog. Problems only expansion can
 * find (a name too long once prefixed, a clash with another appliance) are reported at the box.
 */
export function expandAssemblies(manifest: Manifest, catalog: Catalog): ExpandResult {
  if (!hasAssemblies(manifest, catalog)) return { ok: true, manifest, errors: [] };
  const issues = new IssueList();
  const graph = expandGraph(manifest, catalog, 0, issues, (i) => ['appliances', i]);
  const names = new Map<string, number>();
  for (const appliance of graph.appliances) names.set(appliance.name, (names.get(appliance.name) ?? 0) + 1);
  manifest.appliances.forEach((box, i) => {
    if (!catalog.assembly?.(box.class)) return;
    const clash = [...names].find(([name, count]) => count > 1 && name.startsWith(`${box.name}-`));
    if (clash) {
      issues.error(['appliances', i, 'name'], `assembly "${box.name}" would make an appliance "${clash[0]}", and the VDC has another of that name; rename one of them`);
    }
  });
  const { errors } = issues.finish();
  if (errors.length > 0) return { ok: false, errors };
  const visual = manifest.visual
    ? Object.fromEntries(Object.entries(manifest.visual).filter(([name]) => graph.appliances.some((a) => a.name === name)))
    : undefined;
  return {
    ok: true,
    errors: [],
    manifest: { ...manifest, appliances: graph.appliances, connections: graph.connections, ...(visual ? { visual } : {}) },
  };
}

function expandGraph(
  graph: Graph,
  catalog: Catalog,
  depth: number,
  issues: IssueList,
  where: (index: number) => PathSegment[],
): Graph {
  const instances = new Map<string, Instance>();
  const appliances: Appliance[] = [];
  const connections: Connection[] = [];
  graph.appliances.forEach((appliance, index) => {
    const def = catalog.assembly?.(appliance.class);
    if (!def) {
      appliances.push(appliance);
      return;
    }
    if (depth >= MAX_ASSEMBLY_DEPTH) {
      issues.error([...where(index), 'class'], `assemblies nest at most ${MAX_ASSEMBLY_DEPTH} deep`);
      return;
    }
    const inner = expandDefinition(def, appliance, catalog, depth, issues, [...where(index)]);
    instances.set(appliance.name, inner.instance);
    appliances.push(...inner.appliances);
    connections.push(...inner.connections);
  });

  const endpoint = (text: string): string => {
    const ref = parseEndpoint(text);
    const instance = ref ? instances.get(ref.appliance) : undefined;
    return (ref && instance?.terminals.get(ref.terminal)) ?? text;
  };
  const waitsFor = (name: string): string[] => instances.get(name)?.members ?? [name];
  for (const c of graph.connections) connections.push({ from: endpoint(c.from), to: endpoint(c.to) });
  return {
    appliances: appliances.map((a) =>
      a.startAfter && a.startAfter.some((n) => instances.has(n)) ? { ...a, startAfter: a.startAfter.flatMap(waitsFor) } : a,
    ),
    connections,
  };
}

function expandDefinition(
  def: AssemblyDefinition,
  box: Appliance,
  catalog: Catalog,
  depth: number,
  issues: IssueList,
  at: PathSegment[],
): Graph & { instance: Instance } {
  // The box's properties (or their defaults) written onto the interior appliances they target.
  const set = new Map<string, Record<string, string | number | boolean>>();
  for (const exposed of def.properties) {
    const value = box.properties?.[exposed.name] ?? exposed.default;
    if (value === undefined) continue;
    const [applianceName, property] = exposed.target.split('.');
    set.set(applianceName, { ...set.get(applianceName), [property]: value });
  }
  // Published ports of the box, moved to the interior appliance behind each boundary terminal.
  const published = new Map<string, { terminal: string; port: number; node?: string }[]>();
  for (const { terminal, port, node } of box.expose ?? []) {
    const boundary = def.terminals.find((t) => t.name === terminal);
    const ref = boundary ? parseEndpoint(boundary.endpoint) : undefined;
    if (!ref) continue;
    published.set(ref.appliance, [...(published.get(ref.appliance) ?? []), { terminal: ref.terminal, port, ...(node !== undefined ? { node } : {}) }]);
  }
  const interior: Graph = {
    appliances: def.appliances.map((a) => {
      const properties = set.has(a.name) ? { ...a.properties, ...set.get(a.name) } : a.properties;
      const expose = published.get(a.name);
      return { ...a, ...(properties ? { properties } : {}), ...(expose ? { expose } : {}) };
    }),
    connections: def.connections,
  };
  // Nested boxes first, inside the definition's own name space; their boundary terminals resolve.
  const flat = expandGraph(interior, catalog, depth + 1, issues, () => [...at, 'class']);
  const prefix = (name: string) => `${box.name}-${name}`;
  const tooLong = flat.appliances.find((a) => !DNS_LABEL.test(prefix(a.name)));
  if (tooLong) {
    issues.error([...at, 'name'], `"${box.name}" is too long a name for assembly "${def.id}": its appliance "${prefix(tooLong.name)}" would be longer than a DNS label (at most 32 characters)`);
  }
  const rename = (text: string): string => {
    const ref = parseEndpoint(text);
    return ref ? formatEndpoint({ appliance: prefix(ref.appliance), terminal: ref.terminal }) : text;
  };
  const terminals = new Map<string, string>();
  for (const boundary of def.terminals) {
    const inner = innerEndpoint(def, boundary.endpoint, catalog, depth);
    if (inner) terminals.set(boundary.name, rename(inner));
  }
  return {
    appliances: flat.appliances.map((a) => ({
      ...a,
      name: prefix(a.name),
      ...(a.startAfter ? { startAfter: a.startAfter.map(prefix) } : {}),
      // A failover group inside an assembly is the instance's own: two instances keep theirs apart.
      ...(a.placement?.group !== undefined ? { placement: { ...a.placement, group: prefix(a.placement.group) } } : {}),
      ...(box.startAfter && box.startAfter.length > 0 ? { startAfter: [...(a.startAfter ?? []).map(prefix), ...box.startAfter] } : {}),
    })),
    connections: flat.connections.map((c) => ({ from: rename(c.from), to: rename(c.to) })),
    instance: { terminals, members: flat.appliances.map((a) => prefix(a.name)) },
  };
}

/**
 * Where a boundary terminal lands in the definition's expanded interior: the endpoint itself, or,
 * when it names a terminal of a nested box, the terminal that one stands for (recursively).
 */
function innerEndpoint(def: AssemblyDefinition, endpoint: string, catalog: Catalog, depth: number): string | undefined {
  const ref = parseEndpoint(endpoint);
  if (!ref || !interiorTerminal(def, endpoint, catalog)) return undefined;
  const appliance = def.appliances.find((a) => a.name === ref.appliance)!;
  const nested = catalog.assembly?.(appliance.class);
  if (!nested) return endpoint;
  if (depth + 1 >= MAX_ASSEMBLY_DEPTH) return undefined;
  const boundary = nested.terminals.find((t) => t.name === ref.terminal);
  const deeper = boundary ? innerEndpoint(nested, boundary.endpoint, catalog, depth + 1) : undefined;
  const deeperRef = deeper ? parseEndpoint(deeper) : undefined;
  return deeperRef ? formatEndpoint({ appliance: `${ref.appliance}-${deeperRef.appliance}`, terminal: deeperRef.terminal }) : undefined;
}
