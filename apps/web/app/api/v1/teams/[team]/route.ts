import { deleteTeam, getTeam, renameTeam } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

type P = { team: string };

export const GET = route<P>(async ({ user, params }) => json({ team: await getTeam(user, params.team) }));

export const PATCH = route<P>(async ({ req, user, params }) => json({ team: await renameTeam(user, params.team, await readBody(req, z.unknown())) }), { scope: 'admin' });

export const DELETE = route<P>(async ({ user, params }) => json(await deleteTeam(user, params.team)), { scope: 'admin' });
