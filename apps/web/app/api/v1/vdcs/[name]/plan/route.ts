import { revisionBody } from '@colo/api';
import { planVdc } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const { revision } = await readBody(req, revisionBody);
  return json(await planVdc(user, params.name, revision));
});
