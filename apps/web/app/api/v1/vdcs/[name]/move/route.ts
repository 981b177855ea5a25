import { moveBody } from '@colo/api';
import { requestOperation } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/**
 * Moves a stateful appliance of a swarm VDC onto another node (`node`, else Colo's pick), from a
 * live copy or `snapshot`; after a node loss, restores it from the newest snapshot: an operation (202).
 */
export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const body = await readBody(req, moveBody);
  return json({ operation: await requestOperation(user, params.name, 'move', body) }, 202);
});
