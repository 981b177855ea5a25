import { writeTerminal } from '@colo/control';
import { z } from 'zod';
import { json, MAX_BODY_BYTES, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Types `{ data }` (at most 64 KiB of text, any key a keyboard sends, NUL included) into the terminal. */
export const POST = route<{ id: string }>(async ({ req, user, scope, recheck, params }) =>
  json(await writeTerminal({ user, scope, recheck }, params.id, await readBody(req, z.unknown(), MAX_BODY_BYTES, { allowNul: true }))),
);
