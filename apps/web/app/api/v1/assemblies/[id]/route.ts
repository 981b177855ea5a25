import { deleteAssembly, getAssembly } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ user, params }) => json({ assembly: await getAssembly(user, params.id) }));

/** Hides it from every catalog (owner only); VDCs that place a version of it keep working. */
export const DELETE = route<{ id: string }>(async ({ user, params }) => json(await deleteAssembly(user, params.id)));
