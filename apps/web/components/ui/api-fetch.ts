// The browser side of the REST API for any component: same-origin fetch with the session
// cookie, and failures as ApiError carrying the server's code, message and extra fields.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function apiFetch<T = unknown>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path.startsWith('/api/') ? path : `/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Colo could not be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const { code, message, ...details } = ((body as { error?: Record<string, unknown> })?.error ?? {}) as Record<string, unknown>;
    if (res.status === 401 && typeof window !== 'undefined' && !path.includes('/auth/')) {
      // The session ended (signed out elsewhere, expired): back to sign-in, then here again.
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw new ApiError(res.status, typeof code === 'string' ? code : 'http_error', typeof message === 'string' ? message : `request failed (${res.status})`, details);
  }
  return body as T;
}
