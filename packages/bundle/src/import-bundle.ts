// Bundle text into a manifest, or a refusal with every reason: size and YAML guards, the bundle
// schema, the format version, the checksum, the classes it needs, then the one manifest validator.
import {
  type AssemblyDefinition,
  assemblyDefinitionSchema,
  type Catalog,
  formatIssue,
  type Manifest,
  validateAssembly,
  validateManifest,
  withAssemblies,
} from '@colo/manifest';
import { bundleChecksum, canonicalJson } from './bundle-checksum';
import { BUNDLE_FORMAT, type Bundle, bundleSchema } from './bundle-schema';
import { readBundleText } from './read-bundle-text';

export interface ImportBundleOptions {
  /** The new VDC's name; defaults to the manifest's own. */
  name?: string;
  /** The classes of this Colo (assemblies, if any, are ignored: `assemblies` says which exist). */
  catalog: Catalog;
  /** The assembly versions the importing user may already place here. */
  assemblies?: readonly AssemblyDefinition[];
}

export type ImportBundleResult =
  | {
      ok: true;
      manifest: Manifest;
      report: string[];
      bundle: Bundle;
      /** Assembly versions the bundle brings that this Colo lacks: to be added before the VDC. */
      newAssemblies: AssemblyDefinition[];
    }
  | { ok: false; reasons: string[] };

function refused(reasons: string[]): ImportBundleResult {
  return { ok: false, reasons };
}

/** Why the classes the bundle lists cannot run here; and notes on those resolved differently. */
function classProblems(bundle: Bundle, manifest: Record<string, unknown>, catalog: Catalog): { reasons: string[]; report: string[] } {
  const reasons: string[] = [];
  const report: string[] = [];
  for (const c of bundle.classes) {
    if (c.origin === 'committed') {
      reasons.push(`class ${c.id} version ${c.version} is a committed version of the exporting Colo; patch it here or pin a stock version`);
    } else if (!catalog.get(`${c.id}@${c.version}`)) {
      reasons.push(`class ${c.id} version ${c.version} is not in this Colo's catalog`);
    } else {
      const here = catalog.get(c.ref);
      if (here && here.version !== c.version) report.push(`${c.ref} is version ${here.version} here; the bundle was exported with version ${c.version}`);
    }
  }
  const listed = new Set(bundle.classes.map((c) => c.ref));
  const boxes = new Set((bundle.assemblies ?? []).map((d) => `${d.id}@${d.version}`));
  const appliances = Array.isArray(manifest.appliances) ? manifest.appliances : [];
  for (const a of appliances) {
    const ref = (a as { class?: unknown })?.class;
    if (typeof ref === 'string' && !listed.has(ref) && !boxes.has(ref) && !catalog.assembly?.(ref)) {
      reasons.push(`class ${ref} is used by the manifest but not listed in the bundle's classes`);
    }
  }
  return { reasons: [...new Set(reasons)], report };
}

export function importBundle(text: string, options: ImportBundleOptions): ImportBundleResult {
  const read = readBundleText(text);
  if (read.errors.length > 0) return refused(read.errors);
  const raw = read.value as Record<string, unknown>;
  if (typeof raw === 'object' && raw !== null && raw.kind === 'AssemblyBundle') {
    return refused(['this file holds an assembly, not a VDC: import it with colo assembly import FILE (POST /api/v1/assemblies/import)']);
  }
  // The format first: a newer bundle may have fields this schema does not know.
  if (typeof raw === 'object' && raw !== null && typeof raw.format === 'number' && raw.format > BUNDLE_FORMAT) {
    return refused([`format ${raw.format} is newer than this Colo reads (${BUNDLE_FORMAT})`]);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) return refused(parsed.error.issues.map((i) => `${i.path.join('.') || 'bundle'}: ${i.message}`));
  const bundle = parsed.data;
  if (bundleChecksum(bundle) !== bundle.checksum) return refused(['the bundle was changed after export (its checksum does not match)']);

  const boxes = bundledAssemblies(bundle, options);
  if (boxes.reasons.length > 0) return refused(boxes.reasons);
  const catalog = boxes.catalog;
  const manifestInput = options.name === undefined ? bundle.manifest : { ...bundle.manifest, name: options.name };
  const classes = classProblems(bundle, manifestInput, catalog);
  const verdict = validateManifest(manifestInput, catalog);
  const reasons = [...classes.reasons, ...verdict.errors.map((i) => formatIssue(i))];
  if (!verdict.ok || reasons.length > 0) return refused(reasons);
  const report = [...classes.report, ...boxes.report, ...verdict.warnings.map((i) => formatIssue(i))];
  return { ok: true, manifest: verdict.manifest, report, bundle, newAssemblies: boxes.added };
}

/**
 * The bundle's assembly versions against this Colo's: one it already has must be the same
 * definition; the others are checked (each by the assembly validator, against the classes here and
 * the other assemblies) and become the catalog the manifest is validated with.
 */
export function bundledAssemblies(bundle: Pick<Bundle, 'assemblies'>, options: Omit<ImportBundleOptions, 'name'>): { reasons: string[]; report: string[]; added: AssemblyDefinition[]; catalog: Catalog } {
  const known = [...(options.assemblies ?? [])];
  const reasons: string[] = [];
  const added: AssemblyDefinition[] = [];
  (bundle.assemblies ?? []).forEach((raw, i) => {
    const parsed = assemblyDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reasons.push(`assemblies[${i}].${issue.path.join('.') || 'definition'}: ${issue.message}`);
      return;
    }
    const def = parsed.data;
    const ref = `${def.id}@${def.version}`;
    if (options.catalog.get(def.id) && !options.catalog.assembly?.(def.id)) {
      reasons.push(`assembly ${ref}: "${def.id}" is a class on this Colo`);
      return;
    }
    const here = known.find((k) => k.id === def.id && k.version === def.version);
    if (here) {
      if (canonicalJson(here) !== canonicalJson(def)) reasons.push(`assembly ${ref} exists on this Colo with a different definition`);
      return;
    }
    if (added.some((a) => a.id === def.id && a.version === def.version)) reasons.push(`assembly ${ref} is in the bundle twice`);
    else added.push(def);
  });
  const catalog = withAssemblies(options.catalog, [...known, ...added]);
  if (reasons.length === 0) {
    for (const def of added) {
      // Each against the others too: an assembly may contain another the bundle brings.
      const others = withAssemblies(options.catalog, [...known, ...added.filter((a) => a !== def)]);
      const verdict = validateAssembly(def, others);
      for (const issue of verdict.errors) reasons.push(`assembly ${def.id}@${def.version}: ${formatIssue(issue)}`);
    }
  }
  const report = added.map((d) => `adds assembly ${d.id} version ${d.version} (${d.title})`);
  return { reasons, report, added, catalog };
}
