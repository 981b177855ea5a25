import { operationQuery } from '@colo/api';
import { getOperation } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  // A poller with a bad cursor gets every line rather than an error.
  const query = operationQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getOperation(user, params.id, query.success ? (query.data.logsAfter ?? 0) : 0));
});
