import { createApiToken, listApiTokens } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

const tokenBody = z.object({ name: z.string().trim().min(1, 'give the token a name').max(64) });

export const GET = route(async ({ user }) => json({ tokens: await listApiTokens(user.id) }));

/** The token itself is in this answer only; Colo keeps a hash. */
export const POST = route(async ({ req, user }) => {
  const { name } = await readBody(req, tokenBody);
  const { token, info } = await createApiToken(user.id, name);
  return json({ token, info }, 201);
});
