import { runInClassPrototype } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Runs `{ script }` in the open prototype as root: its exit status and output. */
export const POST = route<{ id: string }>(async ({ req, user, params }) => json(await runInClassPrototype(user, params.id, await readBody(req, z.unknown()))), { scope: 'admin' });
