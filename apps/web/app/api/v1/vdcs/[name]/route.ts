import { renameBody, updateBody } from '@colo/api';
import { deleteVdc, getVdc, renameVdc, updateVdc } from '@colo/control';
import { json, readBody, route } from '../../../../../lib/http';
import { revisionParam } from '../../../../../lib/schemas';

export const dynamic = 'force-dynamic';

type Params = { name: string };

/** The VDC with its newest revision, or with revision N (`?revision=N`) for history and diffs. */
export const GET = route<Params>(async ({ req, user, params }) => {
  const asked = new URL(req.url).searchParams.get('revision');
  return json(await getVdc(user, params.name, asked === null ? undefined : revisionParam(asked)));
});

export const PUT = route<Params>(async ({ req, user, params }) => {
  const { manifest, baseRevision, draft } = await readBody(req, updateBody);
  return json(await updateVdc(user, params.name, manifest, baseRevision, { draft }));
});

export const DELETE = route<Params>(async ({ user, params }) => {
  await deleteVdc(user, params.name);
  return new Response(null, { status: 204 });
});

/** Rename only: Docker objects keep the VDC's key, so nothing running changes. */
export const PATCH = route<Params>(async ({ req, user, params }) => {
  const { name } = await readBody(req, renameBody);
  return json({ vdc: await renameVdc(user, params.name, name) });
});
