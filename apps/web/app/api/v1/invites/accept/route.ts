import { acceptInvite } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Joining a team changes nothing a token's scope guards over the caller's own rights: `read` is enough. */
export const POST = route(async ({ req, user }) => json(await acceptInvite(user, await readBody(req, z.unknown()))), { scope: 'read' });
