// Runs before every page request. Three cheap things, none touching the database: a visitor
// with no session cookie goes straight to /login (remembering where they were headed), the page
// learns its own path (layouts are not told it), and a present cookie gets its lifetime renewed
// so a session in use does not lapse. Whether the session is valid is decided by the pages
// (lib/session.ts requireUser) and the API routes, never here.
import { type NextRequest, NextResponse } from 'next/server';
import { isSecureRequest, PATH_HEADER, refreshedSessionCookie, SESSION_COOKIE } from './lib/session-cookie';

const PUBLIC_PAGES = ['/login', '/setup'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const token = request.cookies.get(SESSION_COOKIE)?.value;

  if (!token && !isPublic) {
    const login = new URL('/login', request.url);
    if (pathname !== '/' && pathname !== '/vdcs') login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  if (token) response.headers.append('set-cookie', refreshedSessionCookie(token, isSecureRequest(request)));
  return response;
}

export const config = {
  // Pages only: the API answers 401 itself, and static files need no session.
  matcher: ['/((?!api/|_next/|favicon\\.ico|.*\\.(?:svg|png|jpg|ico|css|js|map|txt)$).*)'],
};
