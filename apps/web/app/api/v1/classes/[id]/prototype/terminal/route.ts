import { openPrototypeTerminal } from '@colo/control';
import { z } from 'zod';
import { clientIp } from '../../../../../../../lib/client-address';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Opens a root shell in the class's open prototype (`{ cols, rows }`): `{ id, title }`; admins only. */
export const POST = route<{ id: string }>(
  async ({ req, user, via, scope, recheck, params }) =>
    json(await openPrototypeTerminal({ user, scope, recheck }, params.id, await readBody(req, z.unknown()), { user, via, address: clientIp(req) }), 201),
  { scope: 'admin' },
);
