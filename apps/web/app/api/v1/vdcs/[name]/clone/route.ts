import { cloneBody } from '@colo/api';
import { requestOperation } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Clones the VDC (live, or from `snapshot`) into a new VDC `name`: an operation (202) of the source. */
export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const body = await readBody(req, cloneBody);
  return json({ operation: await requestOperation(user, params.name, 'clone', body) }, 202);
});
