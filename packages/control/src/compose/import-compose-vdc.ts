// `POST /compose/import`: a docker-compose.yml made into a VDC (not deployed) through the same
// createVdc every manifest takes, so quotas, names and host ports are checked as for any VDC.
// A refused import is a `bad_request` listing every reason; nothing is created.
import { importCompose, type ReportLine } from '@colo/compose';
import type { Issue, Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { validateForUser } from '../catalog-view';
import { allowedImageReferences } from '../custom-images/custom-image-list';
import { canonicalImageReference } from '../custom-images/image-reference';
import { ColoError } from '../errors';
import { createVdc, type SavedVdc } from '../vdcs/save-vdc';

export interface ComposeImportRequest {
  name: string;
  compose: string;
  dryRun?: boolean;
  /** The team the VDC goes to (its slug); the caller's personal team unless told. */
  team?: string;
}

export type ComposeImportResult =
  | { dryRun: true; manifest: Manifest; report: ReportLine[]; errors: Issue[]; warnings: Issue[] }
  | ({ dryRun: false; report: ReportLine[] } & Omit<SavedVdc, 'changed'>);

function reasonPath(line: ReportLine): string {
  return [line.service && `services.${line.service}`, line.key].filter(Boolean).join('.');
}

function refusal(report: ReportLine[]): ColoError {
  const refused = report.filter((l) => l.severity === 'refused');
  const issues: Issue[] = refused.map((l) => ({ path: reasonPath(l), message: l.message, severity: 'error' }));
  const first = refused[0];
  const where = first && reasonPath(first) ? `${reasonPath(first)}: ` : '';
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
  return new ColoError('bad_request', `the compose file was refused, nothing was created: ${where}${first?.message ?? 'unknown problem'}${more}`, { issues });
}

export async function importComposeVdc(user: AuthUser, request: ComposeImportRequest): Promise<ComposeImportResult> {
  // Images no class stands in for run as custom-image when an admin allowed them (colo image allow).
  const allowed = await allowedImageReferences();
  const customImage = (image: string) => {
    const reference = canonicalImageReference(image);
    return reference !== undefined && allowed.has(reference) ? reference : undefined;
  };
  const result = importCompose(request.compose, { name: request.name, catalog: await getCatalog(), customImage });
  if (!result.ok) throw refusal(result.report);
  if (request.dryRun) {
    // The server's own checks (quota, host ports held by others) as a verdict, nothing saved.
    const verdict = await validateForUser(user, result.manifest, request.team);
    return { dryRun: true, manifest: result.manifest, report: result.report, errors: verdict.errors, warnings: verdict.warnings };
  }
  const { vdc, revision, warnings } = await createVdc(user, result.manifest, { team: request.team });
  return { dryRun: false, vdc, revision, warnings, report: result.report };
}
