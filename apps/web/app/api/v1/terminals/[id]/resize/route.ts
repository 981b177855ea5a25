import { resizeTerminal } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** `{ cols, rows }`: the terminal's new size, as the shell's programs see it. */
export const POST = route<{ id: string }>(async ({ req, user, scope, recheck, params }) =>
  json(await resizeTerminal({ user, scope, recheck }, params.id, await readBody(req, z.unknown()))),
);
