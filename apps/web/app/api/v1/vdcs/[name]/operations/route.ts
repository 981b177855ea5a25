import { listOperations } from '@colo/control';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ user, params }) => json({ operations: await listOperations(user, params.name) }));
