import { manifestBody } from '@colo/api';
import { validateForUser } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** 200 even for an invalid manifest: the answer is the verdict. */
export const POST = route(async ({ req, user }) => {
  const { manifest, team } = await readBody(req, manifestBody);
  const { ok, errors, warnings } = await validateForUser(user, manifest, team);
  return json({ ok, errors, warnings });
});
