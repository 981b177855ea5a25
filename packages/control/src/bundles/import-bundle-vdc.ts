// `POST /bundles/import`: a `.colo.yaml` bundle made into a VDC (not deployed) through the same
// createVdc every manifest takes, so quotas, names and host ports are checked as for any VDC.
// A refused bundle is a `bad_request` listing every reason; nothing is created.
import { importBundle } from '@colo/bundle';
import type { Issue, Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { validateForUser } from '../catalog-view';
import { ColoError } from '../errors';
import { createVdc, type SavedVdc } from '../vdcs/save-vdc';

export interface BundleImportRequest {
  bundle: string;
  name?: string;
  dryRun?: boolean;
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

export async function importBundleVdc(user: AuthUser, request: BundleImportRequest): Promise<BundleImportResult> {
  const result = importBundle(request.bundle, { name: request.name, catalog: await getCatalog() });
  if (!result.ok) throw bundleRefusal(result.reasons);
  if (request.dryRun) {
    const verdict = await validateForUser(user, result.manifest);
    return { dryRun: true, manifest: result.manifest, report: result.report, errors: verdict.errors, warnings: verdict.warnings };
  }
  const { vdc, revision, warnings } = await createVdc(user, result.manifest);
  return { dryRun: false, vdc, revision, warnings, report: result.report };
}
