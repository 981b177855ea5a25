import { listUsers } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins only (and an `admin` token): every user with their role. */
export const GET = route(async ({ user }) => json(await listUsers(user)), { scope: 'admin' });
