import { loginBody } from '@colo/api';
import { logIn } from '@colo/control';
import { json, publicRoute, readBody } from '../../../../../lib/http';
import { clientIp } from '../../../../../lib/client-address';
import { isSecureRequest, sessionCookie } from '../../../../../lib/session-cookie';

export const dynamic = 'force-dynamic';

export const POST = publicRoute(async ({ req }) => {
  const { email, password } = await readBody(req, loginBody);
  const { user, session } = await logIn({ email, password, ip: clientIp(req) });
  return json({ user }, 200, { 'set-cookie': sessionCookie(session.token, session.expiresAt, isSecureRequest(req)) });
});
