// What the YAML tab offers at the cursor: the schema's keys at each level (the manifest's own
// key lists), class ids from the catalog, terminal names of the appliance's class (expose, wire
// ends), property names and their enum values, other appliances' names. Pure: the editor turns
// these into CodeMirror completions.
import { type ApplianceClass, type Catalog, KEY_ORDER } from '@colo/manifest';
import { type ApplianceOutline, type YamlContext, yamlContext } from './yaml-context';

export interface YamlCompletion {
  label: string;
  kind: 'key' | 'class' | 'terminal' | 'value' | 'appliance';
  detail?: string;
  info?: string;
  /** The text inserted (a key gets its `: `). */
  apply: string;
}

export interface YamlCompletions {
  from: number;
  options: YamlCompletion[];
}

const same = (path: string[], pattern: string[]) => path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);

function classOf(catalog: Catalog, appliance: ApplianceOutline | undefined): ApplianceClass | undefined {
  return appliance?.class ? catalog.get(appliance.class) : undefined;
}

function keys(names: readonly string[], detail?: (name: string) => string | undefined): YamlCompletion[] {
  return names.map((name) => ({ label: name, kind: 'key', detail: detail?.(name), apply: `${name}: ` }));
}

function values(names: readonly string[], kind: YamlCompletion['kind'] = 'value', detail?: string): YamlCompletion[] {
  return names.map((name) => ({ label: name, kind, detail, apply: name }));
}

/** Keys the map at `path` may hold. */
function keysAt(ctx: YamlContext, catalog: Catalog, appliances: ApplianceOutline[]): YamlCompletion[] {
  const { path } = ctx;
  if (path.length === 0) return keys(KEY_ORDER.manifest);
  if (same(path, ['appliances', '-'])) return keys(KEY_ORDER.appliance);
  if (same(path, ['appliances', '-', 'resources'])) return keys(KEY_ORDER.resources);
  if (same(path, ['appliances', '-', 'expose', '-'])) return keys(KEY_ORDER.expose);
  if (same(path, ['appliances', '-', 'failover'])) return keys(KEY_ORDER.failover);
  if (same(path, ['appliances', '-', 'placement'])) return keys(KEY_ORDER.placement);
  if (same(path, ['connections', '-'])) return keys(KEY_ORDER.connection);
  if (same(path, ['visual'])) return keys(names(appliances), () => 'appliance');
  if (same(path, ['visual', '*'])) return keys(KEY_ORDER.position);
  if (same(path, ['appliances', '-', 'properties'])) {
    const cls = classOf(catalog, ctx.appliance);
    return (cls?.properties ?? []).map((p) => ({
      label: p.name,
      kind: 'key',
      detail: p.default === undefined ? p.type : `${p.type}, default ${p.default}`,
      info: p.description,
      apply: `${p.name}: `,
    }));
  }
  return [];
}

function names(appliances: ApplianceOutline[]): string[] {
  return [...new Set(appliances.flatMap((a) => (a.name ? [a.name] : [])))];
}

/** `web.db`-style wire ends: every appliance's outputs (`from`) or inputs (`to`). */
function endpoints(catalog: Catalog, appliances: ApplianceOutline[], side: 'outputs' | 'inputs'): YamlCompletion[] {
  return appliances.flatMap((a) => {
    const cls = classOf(catalog, a);
    if (!a.name || !cls) return [];
    return cls.terminals[side].map((t) => ({ label: `${a.name}.${t.name}`, kind: 'terminal' as const, detail: t.protocol, info: t.description, apply: `${a.name}.${t.name}` }));
  });
}

/** Values the scalar at `path` may take. */
function valuesAt(ctx: YamlContext, catalog: Catalog, appliances: ApplianceOutline[]): YamlCompletion[] {
  const { path } = ctx;
  if (same(path, ['apiVersion'])) return values(['colo/v1']);
  if (same(path, ['kind'])) return values(['VDC']);
  if (same(path, ['appliances', '-', 'class'])) {
    const latest = new Map<string, ApplianceClass>();
    for (const cls of catalog.list()) if ((latest.get(cls.id)?.version ?? 0) < cls.version) latest.set(cls.id, cls);
    return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id)).map((cls) => ({ label: cls.id, kind: 'class', detail: cls.title, info: cls.description || undefined, apply: cls.id }));
  }
  if (same(path, ['appliances', '-', 'standby'])) return values(['true', 'false']);
  if (same(path, ['appliances', '-', 'startAfter', '-'])) {
    return values(names(appliances).filter((n) => n !== ctx.appliance?.name), 'appliance');
  }
  if (same(path, ['appliances', '-', 'expose', '-', 'terminal'])) {
    const inputs = classOf(catalog, ctx.appliance)?.terminals.inputs ?? [];
    return inputs.filter((t) => t.protocol !== 'fs').map((t) => ({ label: t.name, kind: 'terminal', detail: `${t.protocol}, port ${t.port ?? '?'}`, apply: t.name }));
  }
  if (same(path, ['connections', '-', 'from'])) return endpoints(catalog, appliances, 'outputs');
  if (same(path, ['connections', '-', 'to'])) return endpoints(catalog, appliances, 'inputs');
  if (same(path, ['appliances', '-', 'properties', '*'])) {
    const property = classOf(catalog, ctx.appliance)?.properties.find((p) => p.name === path[3]);
    if (property?.type === 'enum') return values(property.values ?? []);
    if (property?.type === 'boolean') return values(['true', 'false']);
  }
  return [];
}

/** The completions at `pos` in `text`, or undefined where there is nothing to offer. */
export function yamlCompletions(text: string, pos: number, catalog: Catalog): YamlCompletions | undefined {
  const { outline, context } = yamlContext(text, pos);
  if (!context) return undefined;
  let options: YamlCompletion[];
  if (context.kind === 'value') options = valuesAt(context, catalog, outline.appliances);
  else {
    const taken = context.siblings;
    options = keysAt(context, catalog, outline.appliances).filter((o) => !taken.has(o.label));
    // `- we|` in a list of names is a value of the list, not a key.
    if (context.path[context.path.length - 1] === '-') options = [...options, ...valuesAt(context, catalog, outline.appliances)];
  }
  return options.length === 0 ? undefined : { from: context.from, options };
}
