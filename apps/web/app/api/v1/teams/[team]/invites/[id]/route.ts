import { revokeInvite } from '@colo/control';
import { json, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const DELETE = route<{ team: string; id: string }>(async ({ user, params }) => json({ invite: await revokeInvite(user, params.team, params.id) }), { scope: 'admin' });
