import { activateNode } from '@colo/control';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins: the node takes tasks again. */
export const POST = route<{ node: string }>(async ({ user, params }) => json(await activateNode(user, params.node)), { scope: 'admin' });
