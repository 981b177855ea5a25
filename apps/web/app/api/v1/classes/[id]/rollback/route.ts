import { rollbackClass } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Makes an earlier version (`{ version? }`, the one before the head unless told) the head, and moves followers back onto it. */
export const POST = route<{ id: string }>(async ({ req, user, params }) => json(await rollbackClass(user, params.id, await readBody(req, z.unknown())), 202), { scope: 'admin' });
