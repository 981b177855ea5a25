// Who is signed in on a page. The cookie itself is described in session-cookie.ts; the API side
// (bearer or cookie) lives in route() of lib/http.ts.
import { type AuthUser, authenticateSession, hasAnyUser, isColoError } from '@colo/control';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { DEFAULT_AFTER_LOGIN, safeNextPath } from './redirect-target';
import { PATH_HEADER, SESSION_COOKIE } from './session-cookie';

export * from './session-cookie';

/**
 * The signed-in user of this page render, or null; one database read per render. A page only
 * reads, so it asks for the `read` right: a team's viewer sees its VDCs' pages (changes go
 * through the API, where each route asks for its own right).
 */
export const currentUser = cache(async (): Promise<AuthUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  // Only "no such session" means signed out; a database outage must not look like one.
  const user = await authenticateSession(token).catch((err) => {
    if (isColoError(err, 'unauthorized')) return null;
    throw err;
  });
  return user ? { ...user, right: 'read' } : null;
});

/** For pages: the user, or a redirect to sign in (or to first-run setup while nobody exists). */
export async function requireUser(): Promise<AuthUser> {
  const user = await currentUser();
  if (user) return user;
  if (!(await hasAnyUser())) redirect('/setup');
  const path = safeNextPath((await headers()).get(PATH_HEADER));
  redirect(path === DEFAULT_AFTER_LOGIN ? '/login' : `/login?next=${encodeURIComponent(path)}`);
}
