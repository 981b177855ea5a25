import { listNodes } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins only (and an `admin` token): the swarm status and every node; a single host lists none. */
export const GET = route(async ({ user }) => json(await listNodes(user)), { scope: 'admin' });
