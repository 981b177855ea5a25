import { getOperation } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const after = Number(new URL(req.url).searchParams.get('logsAfter') ?? 0);
  return json(await getOperation(user, params.id, Number.isFinite(after) ? after : 0));
});
