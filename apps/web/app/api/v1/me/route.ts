import { meView } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Who the caller is (with their role), and their own quota: limits and what their VDCs use. */
export const GET = route(async ({ user }) => json(await meView(user)));
