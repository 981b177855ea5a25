import { listRevisions } from '@colo/control';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ user, params }) => json({ revisions: await listRevisions(user, params.name) }));
