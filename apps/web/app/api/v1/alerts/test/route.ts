import { testAlertChannel } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Sends a test message to `{ channel }` now: `{ ok, detail }`. */
export const POST = route(async ({ req, user }) => json(await testAlertChannel(user, await readBody(req, z.unknown()))));
