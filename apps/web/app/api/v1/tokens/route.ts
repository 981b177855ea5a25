import { tokenBody } from '@colo/api';
import { createApiToken, listApiTokens } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Managing tokens needs an `admin` token (or a browser session): a leaked deploy token cannot mint more. */
export const GET = route(async ({ user }) => json({ tokens: await listApiTokens(user.id) }), { scope: 'admin' });

/** The token itself is in this answer only; Colo keeps a hash. */
export const POST = route(
  async ({ req, user }) => {
    const { name, scope, expiresInDays } = await readBody(req, tokenBody);
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 24 * 3600_000) : null;
    const { token, info } = await createApiToken(user.id, name, { scope, expiresAt });
    return json({ token, info }, 201);
  },
  { scope: 'admin' },
);
