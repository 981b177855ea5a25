import { setupBody } from '@colo/api';
import { ColoError, createSession, setupFirstAdmin } from '@colo/control';
import { auditSignIn } from '../../../../../lib/audit-request';
import { json, publicRoute, readBody } from '../../../../../lib/http';
import { isSecureRequest, sessionCookie } from '../../../../../lib/session-cookie';
import { setupHostAllowed, setupHostRefusal } from '../../../../../lib/setup-host';

export const dynamic = 'force-dynamic';

/**
 * First run only: creates the admin and signs them in; 409 `already_set_up` afterwards, 403 for
 * a Host that is not Colo's own (DNS rebinding).
 */
export const POST = publicRoute(async ({ req }) => {
  const host = req.headers.get('host');
  if (!setupHostAllowed(host)) throw new ColoError('forbidden', setupHostRefusal(host));
  const input = await readBody(req, setupBody);
  const user = await setupFirstAdmin(input);
  const session = await createSession(user.id);
  await auditSignIn(req, 'setupFirstAdmin', user.email, user, 201);
  return json({ user }, 201, { 'set-cookie': sessionCookie(session.token, session.expiresAt, isSecureRequest(req)) });
});
