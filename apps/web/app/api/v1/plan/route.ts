import { manifestBody } from '@colo/api';
import { planManifest } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const POST = route(async ({ req, user }) => {
  const { manifest } = await readBody(req, manifestBody);
  return json(await planManifest(user, manifest));
});
