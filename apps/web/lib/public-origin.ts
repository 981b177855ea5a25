// The address a link handed to a person should use: COLO_PUBLIC_URL when set, else the one the
// caller reached Colo at. Behind `next start` the request's own URL says localhost whatever the
// browser typed, so the page's Origin (checked same-origin) or the Host header come first.
import { webSettings } from './env';
import { isSameOrigin, isSecureRequest } from './session-cookie';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function publicOrigin(req: Request): string {
  const configured = webSettings().COLO_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const origin = req.headers.get('origin');
  if (origin && isSameOrigin(req)) return new URL(origin).origin;
  const host = req.headers.get('host');
  if (host && HOST.test(host)) return `${isSecureRequest(req) ? 'https' : 'http'}://${host}`;
  return new URL(req.url).origin;
}
