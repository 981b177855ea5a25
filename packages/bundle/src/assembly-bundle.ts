// An assembly as one portable file (`.colo.yaml`, kind AssemblyBundle): the definition of one
// version, of every assembly it contains, and the class versions they use, with a checksum. A
// Colo that imports it gets the versions it lacks as the importer's own private assemblies.
import type { AssemblyDefinition, Catalog } from '@colo/manifest';
import { stringify } from 'yaml';
import { z } from 'zod';
import { bundleChecksum } from './bundle-checksum';
import { bundleClassSchema, FORMAT_WITH_ASSEMBLIES } from './bundle-schema';
import { bundleClasses } from './export-bundle';
import { bundledAssemblies } from './import-bundle';
import { readBundleText } from './read-bundle-text';

export const assemblyBundleSchema = z.strictObject({
  apiVersion: z.literal('colo/v1'),
  kind: z.literal('AssemblyBundle'),
  format: z.number().int().min(FORMAT_WITH_ASSEMBLIES),
  exportedAt: z.string().min(1).max(64),
  from: z.strictObject({ assembly: z.string().min(1).max(64), version: z.number().int().min(1) }),
  classes: z.array(bundleClassSchema).max(1000),
  assemblies: z.array(z.record(z.string(), z.unknown())).min(1).max(200),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
});
export type AssemblyBundle = z.infer<typeof assemblyBundleSchema>;

export interface ExportAssemblyOptions {
  catalog: Catalog;
  isStock: (id: string, version: number) => boolean;
  exportedAt?: Date;
}

/** `defs` holds the assembly `main` names and every assembly inside it. */
export function exportAssemblyBundle(main: AssemblyDefinition, defs: readonly AssemblyDefinition[], options: ExportAssemblyOptions): { bundle: AssemblyBundle; text: string } {
  const all = [main, ...defs.filter((d) => d !== main && !(d.id === main.id && d.version === main.version))];
  const assemblies = all.sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
  const unsigned = {
    apiVersion: 'colo/v1' as const,
    kind: 'AssemblyBundle' as const,
    format: FORMAT_WITH_ASSEMBLIES,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    from: { assembly: main.id, version: main.version },
    classes: bundleClasses({ appliances: [] }, { ...options, assemblies }),
    assemblies: assemblies as unknown as Record<string, unknown>[],
  };
  const bundle: AssemblyBundle = { ...unsigned, checksum: bundleChecksum(unsigned) };
  return { bundle, text: stringify(bundle, { lineWidth: 0 }) };
}

export type ImportAssemblyResult =
  | { ok: true; bundle: AssemblyBundle; newAssemblies: AssemblyDefinition[]; report: string[] }
  | { ok: false; reasons: string[] };

export function importAssemblyBundle(text: string, options: { catalog: Catalog; assemblies?: readonly AssemblyDefinition[] }): ImportAssemblyResult {
  const read = readBundleText(text);
  if (read.errors.length > 0) return { ok: false, reasons: read.errors };
  const raw = read.value as Record<string, unknown> | undefined;
  if (raw?.kind === 'Bundle') return { ok: false, reasons: ['this file holds a VDC, not an assembly: import it with colo import FILE'] };
  if (typeof raw?.format === 'number' && raw.format > FORMAT_WITH_ASSEMBLIES) {
    return { ok: false, reasons: [`format ${raw.format} is newer than this Colo reads (${FORMAT_WITH_ASSEMBLIES})`] };
  }
  const parsed = assemblyBundleSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reasons: parsed.error.issues.map((i) => `${i.path.join('.') || 'bundle'}: ${i.message}`) };
  const bundle = parsed.data;
  if (bundleChecksum(bundle) !== bundle.checksum) return { ok: false, reasons: ['the bundle was changed after export (its checksum does not match)'] };
  const reasons: string[] = [];
  for (const c of bundle.classes) {
    if (c.origin === 'committed') reasons.push(`class ${c.id} version ${c.version} is a committed version of the exporting Colo; patch it here or pin a stock version`);
    else if (!options.catalog.get(`${c.id}@${c.version}`)) reasons.push(`class ${c.id} version ${c.version} is not in this Colo's catalog`);
  }
  const boxes = bundledAssemblies(bundle, options);
  reasons.push(...boxes.reasons);
  const main = `${bundle.from.assembly}@${bundle.from.version}`;
  if (!boxes.catalog.assembly?.(main)) reasons.push(`the bundle names assembly ${main} but does not carry it`);
  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
  return { ok: true, bundle, newAssemblies: boxes.added, report: boxes.report };
}
