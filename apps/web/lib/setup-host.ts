// First-run setup creates the administrator, so it is served only for hosts Colo knows are its
// own. Against DNS rebinding: a page on evil.test that re-resolves its name to 127.0.0.1 reaches
// Colo with `Host: evil.test`, which is on no list. Only the Host header counts here: a page's
// script may set X-Forwarded-Host on a same-origin request, but never Host.
import { webSettings } from './env';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseHost(value: string): { host: string; hostname: string } | undefined {
  try {
    const url = new URL(`http://${value.trim()}`);
    // Anything beyond host[:port] (a path, credentials) is not a Host header.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
    return { host: url.host, hostname: url.hostname };
  } catch {
    return undefined;
  }
}

/** True for loopback names (any port: only this machine reaches them) and the configured hosts. */
export function setupHostAllowed(hostHeader: string | null | undefined, settings = webSettings()): boolean {
  if (!hostHeader) return false;
  const seen = parseHost(hostHeader);
  if (!seen) return false;
  if (LOOPBACK.has(seen.hostname)) return true;
  const allowed = settings.COLO_ALLOWED_HOSTS.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (settings.COLO_PUBLIC_URL) allowed.push(new URL(settings.COLO_PUBLIC_URL).host);
  return allowed.some((entry) => {
    const want = parseHost(entry);
    if (!want) return false;
    // An entry without a port allows that host on any port.
    return want.host !== want.hostname ? want.host === seen.host : want.hostname === seen.hostname;
  });
}

export function setupHostRefusal(hostHeader: string | null | undefined): string {
  return `first-run setup is only served on localhost or the hosts in COLO_PUBLIC_URL / COLO_ALLOWED_HOSTS, not for host "${(hostHeader ?? '').slice(0, 100)}"; open Colo at http://localhost:<port>/setup on the machine itself`;
}
