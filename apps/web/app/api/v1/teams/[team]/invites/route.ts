import { createInvite } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';
import { publicOrigin } from '../../../../../../lib/public-origin';

export const dynamic = 'force-dynamic';

/** The link is made on this Colo's public address (COLO_PUBLIC_URL), else the one the caller reached it at. */
export const POST = route<{ team: string }>(
  async ({ req, user, params }) => {
    const created = await createInvite(user, params.team, await readBody(req, z.unknown()));
    const base = publicOrigin(req);
    return json({ ...created, url: new URL(`/invite/${created.token}`, base).toString() }, 201);
  },
  { scope: 'admin' },
);
