import { removeNodeQuery } from '@colo/api';
import { removeNode } from '@colo/control';
import { json, readQuery, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: removes a drained, empty worker that has left; `?force=true` one that is down. */
export const DELETE = route<{ node: string }>(
  async ({ req, user, params }) => {
    const { force } = readQuery(req, removeNodeQuery, 'force may be true or false');
    return json(await removeNode(user, params.node, { force: force === 'true' }));
  },
  { scope: 'admin' },
);
