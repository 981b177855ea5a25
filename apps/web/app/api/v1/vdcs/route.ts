import { manifestBody } from '@colo/api';
import { createVdc, listVdcs } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ user }) => json({ vdcs: await listVdcs(user) }));

export const POST = route(async ({ req, user }) => {
  const { manifest, team } = await readBody(req, manifestBody);
  const { vdc, revision, warnings } = await createVdc(user, manifest, { team });
  return json({ vdc, revision, warnings }, 201);
});
