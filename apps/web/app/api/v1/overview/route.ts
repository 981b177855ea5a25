import { overviewFor } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ user }) => json(await overviewFor(user)));
