import { removeMember, setMemberRole } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

type P = { team: string; user: string };

/** `:user` is a user id or an email (possibly still percent-encoded). */
function memberRef(ref: string): string {
  try {
    return ref.includes('%') ? decodeURIComponent(ref) : ref;
  } catch {
    return ref;
  }
}

export const PUT = route<P>(
  async ({ req, user, params }) => json({ team: await setMemberRole(user, params.team, memberRef(params.user), await readBody(req, z.unknown())) }),
  { scope: 'admin' },
);

/** Leaving is removing oneself; control lets any member do that and only admins remove others. */
export const DELETE = route<P>(async ({ user, params }) => json(await removeMember(user, params.team, memberRef(params.user))), { scope: 'admin', teamGuard: false });
