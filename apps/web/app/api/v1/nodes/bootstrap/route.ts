import { createBootstrapLink } from '@colo/control';
import { json, route } from '../../../../../lib/http';
import { publicOrigin } from '../../../../../lib/public-origin';

export const dynamic = 'force-dynamic';

/** Admins: a one-use link to Colo's bootstrap images, on Colo's public address (COLO_PUBLIC_URL), else the one the caller reached it at. */
export const POST = route(async ({ req, user }) => json({ bootstrap: await createBootstrapLink(user, publicOrigin(req)) }), { scope: 'admin' });
