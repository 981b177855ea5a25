// A stand-in Colo server for CLI tests: a real HTTP server on 127.0.0.1 that speaks the REST
// contract's envelope (Bearer auth, JSON, `{ error }` bodies) with routes each test supplies,
// and records every request so tests can assert exactly what the CLI sent.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path under /api/v1, e.g. `/vdcs/shop`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Sent as is instead of JSON, for answers that are not JSON at all. */
  raw?: string;
}

export type Handler = (req: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>;

export interface FakeColo {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** Adds or replaces a route: `'GET /vdcs/:name'`. */
  route(key: string, handler: Handler | Reply): void;
  /** Every request so far as `METHOD /path`, in order. */
  calls(): string[];
  close(): Promise<void>;
}

export const TOKEN = 'colo_test_token';

export async function startFakeColo(routes: Record<string, Handler | Reply> = {}): Promise<FakeColo> {
  const table = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const route = (key: string, handler: Handler | Reply) => table.set(key, typeof handler === 'function' ? handler : () => handler);
  for (const [key, handler] of Object.entries(routes)) route(key, handler);

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);

    let reply: Reply;
    if (!url.pathname.startsWith('/api/v1/')) {
      reply = { status: 404, raw: 'not found' };
    } else if (recorded.authorization !== `Bearer ${TOKEN}`) {
      reply = { status: 401, body: { error: { code: 'unauthorized', message: 'missing or invalid token' } } };
    } else {
      const match = findRoute(table, recorded.method, recorded.path);
      reply = match
        ? await match.handler(recorded, match.params)
        : { status: 404, body: { error: { code: 'not_found', message: `no route ${recorded.method} ${recorded.path}` } } };
    }
    res.statusCode = reply.status ?? 200;
    if (reply.raw !== undefined) {
      res.setHeader('content-type', 'text/html');
      res.end(reply.raw);
    } else if (reply.body === undefined) {
      res.end();
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reply.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    requests,
    route,
    calls: () => requests.map((r) => `${r.method} ${r.path}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function findRoute(table: Map<string, Handler>, method: string, path: string) {
  const parts = path.split('/').filter(Boolean);
  for (const [key, handler] of table) {
    const [m, pattern] = key.split(' ');
    if (m !== method) continue;
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((w, i) => {
      if (w.startsWith(':')) {
        params[w.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return w === parts[i];
    });
    if (ok) return { handler, params };
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** An error answer in the contract's shape. */
export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { error: { code, message, ...extra } } };
}
