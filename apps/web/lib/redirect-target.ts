// Where to send a browser after sign-in, from a `next=` value the visitor controls. Only paths of
// this very site pass: anything a browser could read as another origin goes to the default.
// Pure and free of Node APIs: the sign-in page, its form and the page guard all use it.
export const DEFAULT_AFTER_LOGIN = '/overview';

const PLACEHOLDER_ORIGIN = 'http://colo.invalid';
/**
 * Browsers drop tab and newline from URLs (`/\t/evil.test` is `//evil.test`) and read `\` as `/`
 * (`/\evil.test` is `//evil.test`): any of them, raw or percent-encoded, refuses the value.
 */
function hasUnsafeChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
const PUBLIC_PAGES = /^\/(login|setup|api)(\/|\?|#|$)/;

/** `next` if it is a path on this site (not the sign-in pages or the API); `/vdcs` otherwise. */
export function safeNextPath(next: string | null | undefined): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return DEFAULT_AFTER_LOGIN;
  if (!next.startsWith('/') || next.startsWith('//') || hasUnsafeChar(next)) return DEFAULT_AFTER_LOGIN;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  // A server or browser that decodes once before routing must not find `//` or a tab either.
  if (decoded.startsWith('//') || hasUnsafeChar(decoded)) return DEFAULT_AFTER_LOGIN;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_AFTER_LOGIN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('//') || PUBLIC_PAGES.test(path)) return DEFAULT_AFTER_LOGIN;
  return path;
}
