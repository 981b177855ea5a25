import { initSwarm } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: a swarm on Colo's Docker engine, or the one it already manages (control checks the body after the admin check). */
export const POST = route(async ({ req, user }) => json(await initSwarm(user, await readBody(req, z.unknown()))), { scope: 'admin' });
