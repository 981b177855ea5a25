// DATABASE_URL, the one setting this package needs, checked before any connection is tried. The
// caller hands in its environment (configureDatabase, or control's configureControl): this
// package reads none.

export function databaseUrl(env: Record<string, string | undefined>): string {
  const raw = env.DATABASE_URL;
  if (!raw) throw new Error('DATABASE_URL is not set (e.g. postgresql://colo:colo@127.0.0.1:5432/colo)');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('DATABASE_URL is not a URL');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, not ${url.protocol}//`);
  }
  if (url.pathname.length <= 1) throw new Error('DATABASE_URL names no database');
  return raw;
}

/** The URL with its password replaced, for messages. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<invalid url>';
  }
}
