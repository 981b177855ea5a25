import { getTeamQuota, setTeamQuota } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ team: string }>(async ({ user, params }) => json(await getTeamQuota(user, params.team)));

/** Colo admins only; control checks the body against the contract's quotaBody after that. */
export const PUT = route<{ team: string }>(async ({ req, user, params }) => json(await setTeamQuota(user, params.team, await readBody(req, z.record(z.string(), z.unknown())))), { scope: 'admin' });
