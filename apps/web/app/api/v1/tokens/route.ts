import { createApiToken, listApiTokens, TOKEN_SCOPES } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

const MAX_DAYS = 3650;

const tokenBody = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(64),
  /** Least privilege unless asked: enough for the CLI to deploy, not to mint more tokens. */
  scope: z.enum(TOKEN_SCOPES).default('deploy'),
  /** Days until it stops working; omitted or null: never. */
  expiresInDays: z.number().int().min(1).max(MAX_DAYS).nullable().optional(),
});

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
