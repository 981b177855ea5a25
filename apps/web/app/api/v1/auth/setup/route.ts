import { ColoError, createSession, MAX_PASSWORD_LENGTH, setupFirstAdmin } from '@colo/control';
import { z } from 'zod';
import { json, publicRoute, readBody } from '../../../../../lib/http';
import { isSecureRequest, sessionCookie } from '../../../../../lib/session-cookie';
import { setupHostAllowed, setupHostRefusal } from '../../../../../lib/setup-host';

export const dynamic = 'force-dynamic';

const setupBody = z.object({
  email: z.string().max(320),
  name: z.string().max(100),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

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
  return json({ user }, 201, { 'set-cookie': sessionCookie(session.token, session.expiresAt, isSecureRequest(req)) });
});
