import { assemblySharingBody } from '@colo/api';
import { setAssemblySharing } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** `{ visibility: private | shared | published, users?: [email or id] }`; owner only. */
export const PUT = route<{ id: string }>(async ({ req, user, params }) => {
  const body = await readBody(req, assemblySharingBody);
  return json({ assembly: await setAssemblySharing(user, params.id, body) });
});
