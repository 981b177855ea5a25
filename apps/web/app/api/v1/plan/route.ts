import { planManifest } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';
import { manifestBody } from '../../../../lib/schemas';

export const dynamic = 'force-dynamic';

export const POST = route(async ({ req, user }) => {
  const { manifest } = await readBody(req, manifestBody);
  return json(await planManifest(user, manifest));
});
