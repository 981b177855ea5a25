// An assembly as a portable file: exported by anyone who may see it (one version, with what it
// contains), imported as the importer's own private assemblies for the versions this Colo lacks.
import { type AssemblyBundle, exportAssemblyBundle, importAssemblyBundle } from '@colo/bundle';
import { withAssemblies } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { stockVersions } from '../bundles/export-bundle-vdc';
import { bundleRefusal, importContext } from '../bundles/import-bundle-vdc';
import { adoptAssemblies } from './adopt-assemblies';
import { withNested } from './assembly-store';
import { getAssembly, getAssemblyVersion } from './assembly-views';

export async function exportAssemblyFor(user: AuthUser, id: string, version?: number): Promise<{ bundle: AssemblyBundle; text: string }> {
  const main = version === undefined ? (await getAssembly(user, id)).definition : await getAssemblyVersion(user, id, version);
  const base = await getCatalog();
  const defs = await withNested([main], (ref) => base.get(ref) !== undefined);
  return exportAssemblyBundle(main, defs, { catalog: withAssemblies(base, defs), isStock: await stockVersions() });
}

export interface AssemblyImportResult {
  /** `id@version` of each version added; empty when this Colo had them all. */
  added: string[];
  /** The assembly the bundle is for. */
  assembly: { id: string; version: number };
  report: string[];
}

export async function importAssemblyFor(user: AuthUser, text: string): Promise<AssemblyImportResult> {
  const result = importAssemblyBundle(text, await importContext(user));
  if (!result.ok) throw bundleRefusal(result.reasons);
  const adopted = await adoptAssemblies(user, result.newAssemblies);
  const { assembly, version } = result.bundle.from;
  const report = result.report.length > 0 ? result.report : [`assembly ${assembly} version ${version} is already on this Colo`];
  return { added: adopted.added, assembly: { id: assembly, version }, report };
}
