import { acknowledgeAlert } from '@colo/control';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Marks the alert seen; it stays firing until its cause clears. */
export const POST = route<{ id: string }>(async ({ user, params }) => json({ alert: await acknowledgeAlert(user, params.id) }));
