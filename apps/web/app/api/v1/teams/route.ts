import { createTeam, listTeams } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ user }) => json({ teams: await listTeams(user) }));

/** Control checks the body against the contract's teamCreateBody. */
export const POST = route(async ({ req, user }) => json({ team: await createTeam(user, await readBody(req, z.unknown())) }, 201), { scope: 'admin' });
