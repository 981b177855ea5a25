// The `colo_session` cookie and request facts (docs/editor-contracts.md §Auth), with no import
// of control or Next: proxy.ts runs this before every page, and it must stay small.
export { DEFAULT_AFTER_LOGIN, safeNextPath } from './redirect-target';

export const SESSION_COOKIE = 'colo_session';
/** Request header proxy.ts sets to the page's path and query, so a layout knows where to return. */
export const PATH_HEADER = 'x-colo-path';
/** control's SESSION_TTL_MS in seconds (a test keeps them equal): this file must not import control. */
export const SESSION_COOKIE_MAX_AGE_S = 14 * 24 * 3600;

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Https as the browser sees it: directly, or through a proxy that says so. */
export function isSecureRequest(req: Request): boolean {
  const forwarded = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded ? forwarded === 'https' : new URL(req.url).protocol === 'https:';
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return cookieLine(token, maxAge, secure);
}

/** Re-sends the cookie with a full lifetime; the server-side expiry is what really counts. */
export function refreshedSessionCookie(token: string, secure: boolean): string {
  return cookieLine(token, SESSION_COOKIE_MAX_AGE_S, secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return cookieLine('', 0, secure);
}

function cookieLine(value: string, maxAge: number, secure: boolean): string {
  // Lax: sent on top-level navigations (a link to Colo works) but not on cross-site POSTs.
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Hosts this request may have come from: its own, or the one a proxy in front forwarded. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>([new URL(req.url).host]);
  const host = req.headers.get('host');
  if (host) hosts.add(host);
  const forwarded = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwarded) hosts.add(forwarded);
  return hosts;
}

/**
 * True when the browser says the request comes from a page of this very host. Browsers send
 * Origin on every request that is not GET/HEAD, so a missing one means "not from our page".
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin || origin === 'null') return false;
  try {
    return ownHosts(req).has(new URL(origin).host);
  } catch {
    return false;
  }
}
