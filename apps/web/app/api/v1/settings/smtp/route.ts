import { getSmtpSettings, putSmtpSettings } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins (and an `admin` token): the SMTP server alert e-mail goes through; the password is never shown. */
export const GET = route(async ({ user }) => json({ smtp: await getSmtpSettings(user) }), { scope: 'admin' });

/** Admins: sets it; the password is sealed, and kept when absent. */
export const PUT = route(async ({ req, user }) => json({ smtp: await putSmtpSettings(user, await readBody(req, z.unknown())) }), { scope: 'admin' });
