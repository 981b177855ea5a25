import { ColoError, getAssemblyVersion } from '@colo/control';
import { json, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** One version's definition (for "open" on a box of an older version). */
export const GET = route<{ id: string; version: string }>(async ({ user, params }) => {
  const version = Number(params.version);
  if (!Number.isInteger(version) || version < 1) throw new ColoError('bad_request', `version: must be a positive whole number, not "${params.version}"`);
  return json({ definition: await getAssemblyVersion(user, params.id, version) });
});
