import { portsQuery } from '@colo/api';
import { portsView } from '@colo/control';
import { json, readQuery, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** What the create dialog checks a new VDC's published ports against, before it is made. */
export const GET = route(async ({ req, user }) => {
  const { team, near } = readQuery(req, portsQuery, 'team is a team slug, near at most 20 port numbers separated by commas');
  return json(await portsView(user, { team, near: near ? near.split(',').map(Number) : [] }));
});
