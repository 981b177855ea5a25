import { composeImportBody } from '@colo/api';
import { importComposeVdc } from '@colo/control';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** A docker-compose.yml → a VDC (not deployed), or with dryRun the manifest it would be. */
export const POST = route(async ({ req, user }) => {
  const body = await readBody(req, composeImportBody);
  const result = await importComposeVdc(user, body);
  if (result.dryRun) {
    const { manifest, report, errors, warnings } = result;
    return json({ manifest, report, errors, warnings });
  }
  const { vdc, revision, warnings, report } = result;
  return json({ vdc, revision, warnings, report }, 201);
});
