import { drainNode } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: drains the node and waits (bounded) for its tasks to move. */
export const POST = route<{ node: string }>(async ({ req, user, params }) => json(await drainNode(user, params.node, await readBody(req, z.unknown()))), {
  scope: 'admin',
});
