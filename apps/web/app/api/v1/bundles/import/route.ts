import { bundleArchiveQuery, bundleImportBody, flagOn } from '@colo/api';
import { DEFAULT_DATA_ARCHIVE_LIMITS, importBundleArchiveVdc, importBundleVdc } from '@colo/control';
import { json, readBody, readQuery, route } from '../../../../../lib/http';
import { spoolBody } from '../../../../../lib/spool-body';

export const dynamic = 'force-dynamic';

/**
 * A `.colo.yaml` bundle → a VDC (not deployed), or with dryRun the manifest it would be. A
 * `.colo.tar` (the bundle with a snapshot's data) → a VDC and the `data_import` operation that
 * fills its volumes (followed like any operation).
 */
export const POST = route(async ({ req, user }) => {
  if (/^application\/(x-tar|octet-stream)\b/i.test(req.headers.get('content-type') ?? '')) {
    // A `.colo.tar` comes as the body itself (application/x-tar), its options in the query.
    const query = readQuery(req, bundleArchiveQuery, 'name is a VDC name, dryRun 1 or 0');
    const upload = await spoolBody(req, DEFAULT_DATA_ARCHIVE_LIMITS.maxBytes);
    let keep = false;
    try {
      const result = await importBundleArchiveVdc(user, { open: upload.open, name: query.name, team: query.team, dryRun: query.dryRun !== undefined && flagOn(query.dryRun) });
      if (result.dryRun) {
        const { manifest, report, errors, warnings, volumes } = result;
        return json({ manifest, report, errors, warnings, volumes });
      }
      // The data_import operation reads the upload after this answer: it goes once poured in.
      keep = true;
      void result.feeding.finally(() => upload.remove());
      const { vdc, revision, warnings, report, volumes, operation } = result;
      return json({ vdc, revision, warnings, report, volumes, operation }, 201);
    } finally {
      if (!keep) await upload.remove();
    }
  }
  const body = await readBody(req, bundleImportBody);
  const result = await importBundleVdc(user, body);
  if (result.dryRun) {
    const { manifest, report, errors, warnings } = result;
    return json({ manifest, report, errors, warnings });
  }
  const { vdc, revision, warnings, report } = result;
  return json({ vdc, revision, warnings, report }, 201);
});
