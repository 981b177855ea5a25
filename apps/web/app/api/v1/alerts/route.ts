import { listAlerts } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The caller's alerts (`?state=firing|resolved|all`, `?vdc=`), firing first, and the unread count. */
export const GET = route(async ({ req, user }) => json(await listAlerts(user, Object.fromEntries(new URL(req.url).searchParams))));
