import { joinQuery } from '@colo/api';
import { nodeJoinCommand } from '@colo/control';
import { json, readQuery, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: the join command. It hands out a join token, so the read is audited. */
export const GET = route(
  async ({ req, user }) => {
    const { role } = readQuery(req, joinQuery, 'role may be worker or manager');
    return json(await nodeJoinCommand(user, role));
  },
  { scope: 'admin', audit: true },
);
