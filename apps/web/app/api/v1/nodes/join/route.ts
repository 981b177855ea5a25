import { joinQuery } from '@colo/api';
import { nodeJoinCommand } from '@colo/control';
import { json, readQuery, route } from '../../../../../lib/http';
import { publicOrigin } from '../../../../../lib/public-origin';

export const dynamic = 'force-dynamic';

/**
 * Admins: the join command, with a new one-use link to Colo's bootstrap images on Colo's public
 * address (COLO_PUBLIC_URL, else the one the caller reached it at). It hands out a join token, so
 * the read is audited.
 */
export const GET = route(
  async ({ req, user }) => {
    const { role } = readQuery(req, joinQuery, 'role may be worker or manager');
    return json(await nodeJoinCommand(user, role, publicOrigin(req)));
  },
  { scope: 'admin', audit: true },
);
