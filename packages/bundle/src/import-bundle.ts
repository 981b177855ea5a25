// Bundle text into a manifest, or a refusal with every reason: size and YAML guards, the bundle
// schema, the format version, the checksum, the classes it needs, then the one manifest validator.
import { type Catalog, formatIssue, type Manifest, validateManifest } from '@colo/manifest';
import { bundleChecksum } from './bundle-checksum';
import { BUNDLE_FORMAT, type Bundle, bundleSchema } from './bundle-schema';
import { readBundleText } from './read-bundle-text';

export interface ImportBundleOptions {
  /** The new VDC's name; defaults to the manifest's own. */
  name?: string;
  catalog: Catalog;
}

export type ImportBundleResult =
  | { ok: true; manifest: Manifest; report: string[]; bundle: Bundle }
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
  const appliances = Array.isArray(manifest.appliances) ? manifest.appliances : [];
  for (const a of appliances) {
    const ref = (a as { class?: unknown })?.class;
    if (typeof ref === 'string' && !listed.has(ref)) reasons.push(`class ${ref} is used by the manifest but not listed in the bundle's classes`);
  }
  return { reasons: [...new Set(reasons)], report };
}

export function importBundle(text: string, options: ImportBundleOptions): ImportBundleResult {
  const read = readBundleText(text);
  if (read.errors.length > 0) return refused(read.errors);
  const raw = read.value as Record<string, unknown>;
  // The format first: a newer bundle may have fields this schema does not know.
  if (typeof raw === 'object' && raw !== null && typeof raw.format === 'number' && raw.format > BUNDLE_FORMAT) {
    return refused([`format ${raw.format} is newer than this Colo reads (${BUNDLE_FORMAT})`]);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) return refused(parsed.error.issues.map((i) => `${i.path.join('.') || 'bundle'}: ${i.message}`));
  const bundle = parsed.data;
  if (bundleChecksum(bundle) !== bundle.checksum) return refused(['the bundle was changed after export (its checksum does not match)']);

  const manifestInput = options.name === undefined ? bundle.manifest : { ...bundle.manifest, name: options.name };
  const classes = classProblems(bundle, manifestInput, options.catalog);
  const verdict = validateManifest(manifestInput, options.catalog);
  const reasons = [...classes.reasons, ...verdict.errors.map((i) => formatIssue(i))];
  if (!verdict.ok || reasons.length > 0) return refused(reasons);
  const report = [...classes.report, ...verdict.warnings.map((i) => formatIssue(i))];
  return { ok: true, manifest: verdict.manifest, report, bundle };
}
