import { planVdc } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';
import { revisionBody } from '../../../../../../lib/schemas';

export const dynamic = 'force-dynamic';

export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const { revision } = await readBody(req, revisionBody);
  return json(await planVdc(user, params.name, revision));
});
