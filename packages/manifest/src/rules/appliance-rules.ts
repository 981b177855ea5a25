// Per-appliance rules that need no wiring: unique names, known classes, resource bounds,
// start-after references, and layout entries that name real appliances.
import { parseMemory, type ApplianceClass, type Catalog } from '../class-schema';
import { didYouMean, type Suggestions } from '../closest-match';
import type { ApplianceEntry } from '../manifest-model';
import type { RuleContext } from './rule-context';

export function unknownClassMessage(ref: string, catalog: Catalog, suggestions?: Suggestions): string {
  const [id, version] = ref.split('@');
  const classes = catalog.list();
  const versions = classes.filter((c) => c.id === id).map((c) => c.version);
  if (version !== undefined && versions.length > 0) {
    const available = [...new Set(versions)].sort((a, b) => a - b).join(', ');
    return `class "${id}" has no version ${version} (available: ${available})`;
  }
  const ids = () => new Set(classes.map((c) => c.id));
  const hint = suggestions ? suggestions.didYouMean('classes', id, ids) : didYouMean(id, ids());
  return `unknown class "${ref}"${hint}`;
}

function checkBounds(
  ctx: RuleContext,
  path: (string | number)[],
  shown: { min: string; max: string },
  value: number,
  bounds: { min: number; max: number },
): void {
  // The field and the appliance are named by the issue's words (issue-words.ts): the message is
  // only the rule, the same under the field, in Problems, the API and the CLI.
  if (value < bounds.min) ctx.issues.error(path, `at least ${shown.min}`);
  else if (value > bounds.max) ctx.issues.error(path, `at most ${shown.max}`);
}

function checkResources(ctx: RuleContext, entry: ApplianceEntry, cls: ApplianceClass): void {
  const base = ['appliances', entry.index];
  if (entry.replicas !== undefined) {
    const { min, max } = cls.replicas;
    const shown = { min: String(min), max: String(max) };
    checkBounds(ctx, [...base, 'replicas'], shown, entry.replicas, cls.replicas);
  }
  if (entry.cpu !== undefined) {
    const { min, max } = cls.resources.cpu;
    const shown = { min: String(min), max: String(max) };
    checkBounds(ctx, [...base, 'resources', 'cpu'], shown, entry.cpu, cls.resources.cpu);
  }
  if (entry.memory !== undefined) {
    const { min, max } = cls.resources.memory;
    const shown = { min: String(min), max: String(max) };
    const bytes = { min: parseMemory(min), max: parseMemory(max) };
    checkBounds(ctx, [...base, 'resources', 'memory'], shown, parseMemory(entry.memory), bytes);
  }
}

/** An assembly's box has no containers of its own: sizes and failure policy live inside it. */
function checkBox(ctx: RuleContext, entry: ApplianceEntry): void {
  const base = ['appliances', entry.index];
  const inside = `set it on the appliances inside assembly "${entry.cls!.id}"`;
  if (entry.replicas !== undefined) ctx.issues.error([...base, 'replicas'], `an assembly has no replicas of its own; ${inside}`);
  if (entry.cpu !== undefined || entry.memory !== undefined) {
    ctx.issues.error([...base, 'resources'], `an assembly has no resources of its own; ${inside}`);
  }
  for (const key of entry.containerOnlyKeys) ctx.issues.error([...base, key], `an assembly has no ${key} of its own; ${inside}`);
}

export function checkAppliances(ctx: RuleContext): void {
  const firstByName = new Map<string, number>();
  for (const entry of ctx.model.appliances) {
    const base = ['appliances', entry.index];
    if (entry.name !== undefined) {
      const first = firstByName.get(entry.name);
      if (first === undefined) firstByName.set(entry.name, entry.index);
      else ctx.issues.error([...base, 'name'], `duplicate appliance name "${entry.name}" (also appliances[${first}])`);
    }
    if (entry.classRef !== undefined && entry.cls === undefined) {
      const ref = entry.classRef;
      ctx.issues.error([...base, 'class'], () => unknownClassMessage(ref, ctx.catalog, ctx.model.suggestions));
    }
    if (entry.cls && entry.classRef !== undefined && ctx.catalog.assembly?.(entry.classRef)) checkBox(ctx, entry);
    else if (entry.cls) checkResources(ctx, entry, entry.cls);
    for (const { index, name } of entry.startAfter) {
      const path = [...base, 'startAfter', index];
      if (name === entry.name) ctx.issues.error(path, `"${name}" cannot start after itself`);
      else if (ctx.model.lookup(name).kind === 'missing') {
        const { suggestions, names } = ctx.model;
        ctx.issues.error(path, () => `unknown appliance "${name}"${suggestions.didYouMean('appliances', name, names)}`);
      }
    }
  }
  for (const key of ctx.model.visualKeys) {
    if (ctx.model.lookup(key).kind === 'missing') {
      ctx.issues.warning(['visual', key], () => `"${key}" is not an appliance of this VDC; its position is ignored`);
    }
  }
}
