import { logIn, MAX_PASSWORD_LENGTH } from '@colo/control';
import { z } from 'zod';
import { json, publicRoute, readBody } from '../../../../../lib/http';
import { clientIp } from '../../../../../lib/client-address';
import { isSecureRequest, sessionCookie } from '../../../../../lib/session-cookie';

export const dynamic = 'force-dynamic';

const loginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

export const POST = publicRoute(async ({ req }) => {
  const { email, password } = await readBody(req, loginBody);
  const { user, session } = await logIn({ email, password, ip: clientIp(req) });
  return json({ user }, 200, { 'set-cookie': sessionCookie(session.token, session.expiresAt, isSecureRequest(req)) });
});
