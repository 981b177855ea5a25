import { loginBody } from '@colo/api';
import { isColoError, logIn } from '@colo/control';
import { auditSignIn } from '../../../../../lib/audit-request';
import { errorResponse, json, publicRoute, readBody } from '../../../../../lib/http';
import { clientIp } from '../../../../../lib/client-address';
import { isSecureRequest, sessionCookie } from '../../../../../lib/session-cookie';

export const dynamic = 'force-dynamic';

export const POST = publicRoute(async ({ req }) => {
  const { email, password } = await readBody(req, loginBody);
  try {
    const { user, session } = await logIn({ email, password, ip: clientIp(req) });
    await auditSignIn(req, 'signIn', email, user, 200);
    return json({ user }, 200, { 'set-cookie': sessionCookie(session.token, session.expiresAt, isSecureRequest(req)) });
  } catch (err) {
    const res = errorResponse(err);
    await auditSignIn(req, 'signIn', email, null, res.status, isColoError(err) ? err.message : undefined);
    return res;
  }
});
