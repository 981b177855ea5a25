// Whether an assembly definition can be saved: its interior is a valid drawing (the manifest
// validator, in 'edit' mode), it publishes no port itself, every boundary terminal and exposed
// property points at something real, and nothing inside is left that no one could ever wire.
import { interiorTerminal } from './assembly-class';
import { type AssemblyDefinition, assemblyDefinitionSchema, MAX_ASSEMBLY_DEPTH } from './assembly-schema';
import type { Catalog } from './class-schema';
import { parseEndpoint } from './endpoint';
import { type Issue, IssueList } from './issue';
import { propertyValueProblem } from './property-value';
import { validateManifest } from './validate-manifest';
import { addZodIssues, manifestErrorMap } from './zod-issues';

export type AssemblyValidation =
  | { ok: true; errors: Issue[]; warnings: Issue[]; definition: AssemblyDefinition }
  | { ok: false; errors: Issue[]; warnings: Issue[]; definition?: undefined };

/** How many assembly levels `def` holds (1 when none of its appliances is an assembly). */
export function assemblyDepth(def: AssemblyDefinition, catalog: Catalog, seen: AssemblyDefinition[] = []): number {
  if (seen.includes(def) || seen.length > MAX_ASSEMBLY_DEPTH) return Number.POSITIVE_INFINITY;
  let deepest = 0;
  for (const appliance of def.appliances) {
    const nested = catalog.assembly?.(appliance.class);
    if (nested) deepest = Math.max(deepest, assemblyDepth(nested, catalog, [...seen, def]));
  }
  return deepest + 1;
}

export function validateAssembly(input: unknown, catalog: Catalog): AssemblyValidation {
  const issues = new IssueList();
  const parsed = assemblyDefinitionSchema.safeParse(input, { error: manifestErrorMap });
  if (!parsed.success) addZodIssues(issues, parsed.error.issues);
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

  // The interior is judged as the drawing it was: every manifest rule, with unwired outputs allowed.
  const interior = validateManifest(
    { apiVersion: 'colo/v1', kind: 'VDC', name: raw.id, appliances: raw.appliances, connections: raw.connections ?? [], visual: raw.visual },
    catalog,
    { mode: 'edit' },
  );
  for (const e of interior.errors) {
    // `name` is the assembly's id here; the schema pass above already speaks of it as `id`.
    if (e.path !== 'name' && e.path !== 'apiVersion' && e.path !== 'kind') issues.error(e.path, e.message);
  }
  for (const w of interior.warnings) {
    if (!w.message.includes('mandatory')) issues.warning(w.path, w.message);
  }
  if (!parsed.success) return { ok: false, ...issues.finish() };
  const def = parsed.data;

  def.appliances.forEach((appliance, i) => {
    if (appliance.expose && appliance.expose.length > 0) {
      issues.error(['appliances', i, 'expose'], 'an assembly publishes no host port itself: make the terminal a boundary terminal, and publish it on the box where the assembly is used');
    }
  });

  const wired = new Set(def.connections.flatMap((c) => [c.from, c.to]));
  const boundary = new Set<string>();
  const terminalNames = new Set<string>();
  def.terminals.forEach((t, i) => {
    if (terminalNames.has(t.name)) issues.error(['terminals', i, 'name'], `boundary terminal "${t.name}" is named twice`);
    terminalNames.add(t.name);
    const ref = parseEndpoint(t.endpoint)!;
    const appliance = def.appliances.find((a) => a.name === ref.appliance);
    const inner = interiorTerminal(def, t.endpoint, catalog);
    if (!appliance) {
      issues.error(['terminals', i, 'endpoint'], `no appliance "${ref.appliance}" inside the assembly`);
    } else if (!inner) {
      if (catalog.get(appliance.class)) issues.error(['terminals', i, 'endpoint'], `appliance "${ref.appliance}" has no terminal "${ref.terminal}"`);
    } else if (inner.kind === 'output' && wired.has(t.endpoint)) {
      issues.error(['terminals', i, 'endpoint'], `output ${t.endpoint} is wired inside the assembly; a boundary output is left for the canvas to wire`);
    }
    if (boundary.has(t.endpoint)) issues.error(['terminals', i, 'endpoint'], `${t.endpoint} is already a boundary terminal`);
    boundary.add(t.endpoint);
  });

  // A mandatory output neither wired inside nor on the boundary could never be wired: refuse it now.
  def.appliances.forEach((appliance, i) => {
    for (const output of catalog.get(appliance.class)?.terminals.outputs ?? []) {
      const endpoint = `${appliance.name}.${output.name}`;
      if (output.mandatory && !wired.has(endpoint) && !boundary.has(endpoint)) {
        issues.error(['appliances', i], `mandatory output ${endpoint} is neither wired inside the assembly nor a boundary terminal`);
      }
    }
  });

  const propertyNames = new Set<string>();
  def.properties.forEach((p, i) => {
    if (propertyNames.has(p.name)) issues.error(['properties', i, 'name'], `property "${p.name}" is exposed twice`);
    propertyNames.add(p.name);
    const [applianceName, propertyName] = p.target.split('.');
    const appliance = def.appliances.find((a) => a.name === applianceName);
    const cls = appliance ? catalog.get(appliance.class) : undefined;
    const inner = cls?.properties.find((q) => q.name === propertyName);
    if (!appliance) issues.error(['properties', i, 'target'], `no appliance "${applianceName}" inside the assembly`);
    else if (cls && !inner) issues.error(['properties', i, 'target'], `class "${cls.id}" has no property "${propertyName}"`);
    else if (inner && p.default !== undefined) {
      const problem = propertyValueProblem(inner, p.default);
      if (problem) issues.error(['properties', i, 'default'], problem);
    }
  });

  if (assemblyDepth(def, catalog) > MAX_ASSEMBLY_DEPTH) {
    issues.error('appliances', `assemblies nest at most ${MAX_ASSEMBLY_DEPTH} deep`);
  }
  const { errors, warnings } = issues.finish();
  return errors.length === 0 ? { ok: true, errors, warnings, definition: def } : { ok: false, errors, warnings };
}
