import { labelNode } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: adds and removes the node's labels. */
export const POST = route<{ node: string }>(async ({ req, user, params }) => json(await labelNode(user, params.node, await readBody(req, z.unknown()))), {
  scope: 'admin',
});
