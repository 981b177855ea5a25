import { commitClassVersion } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Commits the open prototype as the next version (`{ note?, rollout? }`): the version and the deploys that move followers onto it. */
export const POST = route<{ id: string }>(async ({ req, user, params }) => json(await commitClassVersion(user, params.id, await readBody(req, z.unknown())), 201), { scope: 'admin' });
