import { applianceBody } from '@colo/api';
import { requestOperation } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const body = await readBody(req, applianceBody);
  return json({ operation: await requestOperation(user, params.name, 'stop', body) }, 202);
});
