import { listClasses } from '@colo/control';
import { json, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Every class with its versions and the one followers use (its head). */
export const GET = route(async () => json({ classes: await listClasses() }));
