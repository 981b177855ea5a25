// `POST /bundles/import`: a `.colo.yaml` bundle made into a VDC (not deployed) through the same
// createVdc every manifest takes, so quotas, names and host ports are checked as for any VDC.
// A refused bundle is a `bad_request` listing every reason; nothing is created.
import { importBundle } from '@colo/bundle';
import type { AssemblyDefinition, Catalog, Issue, Manifest } from '@colo/manifest';
import { type Adopted, adoptAssemblies } from '../assemblies/adopt-assemblies';
import { catalogFor } from '../assemblies/assembly-catalog';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { validateForUser } from '../catalog-view';
import { ColoError } from '../errors';
import { createVdc, type SavedVdc } from '../vdcs/save-vdc';

export interface BundleImportRequest {
  bundle: string;
  name?: string;
  dryRun?: boolean;
  /** The team the VDC goes to (its slug); the caller's personal team unless told. */
  team?: string;
}

export type BundleImportResult =
  | { dryRun: true; manifest: Manifest; report: string[]; errors: Issue[]; warnings: Issue[] }
  | ({ dryRun: false; report: string[] } & Omit<SavedVdc, 'changed'>);

/** A refused bundle or archive: `bad_request` with every reason as an issue; nothing was created. */
export function bundleRefusal(reasons: string[]): ColoError {
  const issues: Issue[] = reasons.map((message) => ({ path: '', message, severity: 'error' }));
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  return new ColoError('bad_request', `the bundle was refused, nothing was created: ${reasons[0] ?? 'unknown problem'}${more}`, { issues });
}

/** What an import checks the bundle against: the classes here and the assemblies the user may place. */
export async function importContext(user: AuthUser): Promise<{ catalog: Catalog; assemblies: AssemblyDefinition[] }> {
  const [catalog, own] = await Promise.all([getCatalog(), catalogFor(user.id)]);
  return { catalog, assemblies: own.assemblies };
}

/**
 * A dry run's verdict: the server's checks (quota, names, ports) when the bundle brings no
 * assembly; else the bundle's own validation, since its new assemblies are not here yet.
 */
export async function dryRunVerdict(user: AuthUser, manifest: Manifest, newAssemblies: AssemblyDefinition[], team?: string): Promise<{ errors: Issue[]; warnings: Issue[] }> {
  if (newAssemblies.length > 0) return { errors: [], warnings: [] };
  const verdict = await validateForUser(user, manifest, team);
  return { errors: verdict.errors, warnings: verdict.warnings };
}

/** The bundle's new assemblies added, then the VDC created; if the VDC is refused, the assemblies go too. */
export async function createImportedVdc(user: AuthUser, manifest: Manifest, newAssemblies: AssemblyDefinition[], team?: string): Promise<SavedVdc & { adopted: Adopted }> {
  const adopted = await adoptAssemblies(user, newAssemblies);
  try {
    return { ...(await createVdc(user, manifest, { team })), adopted };
  } catch (err) {
    await adopted.undo();
    throw err;
  }
}

export async function importBundleVdc(user: AuthUser, request: BundleImportRequest): Promise<BundleImportResult> {
  const result = importBundle(request.bundle, { name: request.name, ...(await importContext(user)) });
  if (!result.ok) throw bundleRefusal(result.reasons);
  if (request.dryRun) {
    const verdict = await dryRunVerdict(user, result.manifest, result.newAssemblies, request.team);
    return { dryRun: true, manifest: result.manifest, report: result.report, ...verdict };
  }
  const { vdc, revision, warnings } = await createImportedVdc(user, result.manifest, result.newAssemblies, request.team);
  return { dryRun: false, vdc, revision, warnings, report: result.report };
}
