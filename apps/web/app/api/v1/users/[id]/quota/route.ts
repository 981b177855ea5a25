import { getUserQuota, setUserQuota } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** An email may arrive still percent-encoded (`a%40b.test`), depending on the client. */
function userRef(id: string): string {
  try {
    return id.includes('%') ? decodeURIComponent(id) : id;
  } catch {
    return id;
  }
}

/** `:id` is a user id or an email. A user may read their own; an admin anyone's. */
export const GET = route<{ id: string }>(async ({ user, params }) => json(await getUserQuota(user, userRef(params.id))));

/** Admins only (and an `admin` token). Each key given is set (`null` = back to the default); control checks the values. */
export const PUT = route<{ id: string }>(
  async ({ req, user, params }) => {
    // The contract's quotaBody is checked by control, after the caller is known to be an admin.
    const body = await readBody(req, z.record(z.string(), z.unknown()));
    return json(await setUserQuota(user, userRef(params.id), body));
  },
  { scope: 'admin' },
);
