import { classView } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** A class's versions (stock and committed), who uses each, and its open prototype. */
export const GET = route<{ id: string }>(async ({ user, params }) => json(await classView(user, params.id)));
