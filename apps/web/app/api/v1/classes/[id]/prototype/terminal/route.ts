import { openPrototypeTerminal } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Opens a root shell in the class's open prototype (`{ cols, rows }`): `{ id, title }`; admins only. */
export const POST = route<{ id: string }>(
  async ({ req, user, scope, recheck, params }) => json(await openPrototypeTerminal({ user, scope, recheck }, params.id, await readBody(req, z.unknown())), 201),
  { scope: 'admin' },
);
