// Every API route under random and mutated input: bodies, query strings, path params and headers,
// with a valid token and without. The routes come from the route files (test/route-files.ts), so
// a new route is fuzzed the day it is added. Nothing may answer 5xx, leave a rejection unhandled,
// create a Docker object, or make the process grow without bound.
import { createApiToken, getRuntime } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest, useCheapPasswordHashes } from '@colo/control/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRoute, fillPattern, loadApiRoutes } from '../../../test/route-files';

/**
 * Requests in all, spread evenly over the routes: about 240 each with today's 42. Enough that on
 * every route each auth mode meets each kind of body several times a run (the rarest pairs, a
 * garbage token with raw bytes, say, are 1 in 50), and the number the memory bound below is set
 * for. A request costs what the route's own work costs (Postgres, Redis), nothing more.
 */
const TOTAL_REQUESTS = 10_000;

// The routes under odd input, not the hash: cheap scrypt (control's sign-in-cost.test.ts tests the real cost).
beforeAll(() => useCheapPasswordHashes());
let t: ControlTest;
let token: string;
let routes: ApiRoute[];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  t = await setupControlTest('web-fuzz');
  const user = await t.user();
  token = (await createApiToken(user.id, 'fuzz')).token;
  routes = await loadApiRoutes();
  // Something real to aim at: mutated names hit it, so handlers get past "not found".
  const seeded = await routes
    .find((r) => r.method === 'POST' && r.pattern === '/vdcs')!
    .handler(
      new Request('http://127.0.0.1/api/v1/vdcs', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ manifest: manifestOf('shop', [{ name: 'box', class: 'sleeper', replicas: 2 }]) }),
      }),
      { params: Promise.resolve({}) as Promise<never> },
    );
  expect(seeded.status).toBe(201);
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t?.teardown();
});

// ---- input generators ---------------------------------------------------------------------

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '');

const validManifest = manifestOf('shop', [{ name: 'box', class: 'sleeper', replicas: 2 }]);

/** A valid manifest with one part replaced by something else. */
const mutatedManifest = fc
  .record({
    path: fc.constantFrom('name', 'apiVersion', 'kind', 'appliances', 'appliances.0', 'appliances.0.replicas', 'appliances.0.class', 'appliances.0.name', 'connections', 'visual', 'appliances.0.expose', 'appliances.0.resources'),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 300 }), fc.constantFrom(-1, 1e308, 0, 2 ** 31, null, [], {}, 'x'.repeat(5000))),
  })
  .map(({ path, value }) => {
    const copy = structuredClone(validManifest) as Record<string, unknown>;
    const keys = path.split('.');
    let at = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) at = (at[k] ?? {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = value;
    return copy;
  });

const manifestValue = fc.oneof(
  mutatedManifest,
  mutatedManifest.map((m) => JSON.stringify(m)),
  fc.string({ maxLength: 400 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('apiVersion: colo/v1\nkind: VDC\nname: shop\n', 'a: &a [*a]', '- - - -', '{{{{', 'name: [', `${'a: '.repeat(200)}x`),
);

/** Bodies shaped like the real ones, each field possibly wrong. */
const shapedBody = fc.record(
  {
    manifest: manifestValue,
    baseRevision: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 })),
    revision: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string({ maxLength: 5 }), fc.constant(null)),
    appliance: fc.oneof(fc.constantFrom('box', ''), fc.string({ maxLength: 70 })),
    purge: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })),
    name: fc.oneof(fc.constantFrom('shop', 'renamed', ''), fc.string({ maxLength: 80 })),
    scope: fc.oneof(fc.constantFrom('read', 'deploy', 'admin', 'root'), fc.string({ maxLength: 8 })),
    expiresInDays: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
    // Few emails, so some reach the sign-in brake as well as the password check.
    email: fc.constantFrom('fuzz@colo.test', 'nobody@colo.test', 'not an email'),
    password: fc.string({ minLength: 1, maxLength: 40 }),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  { weight: 5, arbitrary: shapedBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '{', 'null', '[]', '"x"', '{"manifest":null}', '{"__proto__":{"polluted":1}}', '['.repeat(10_000), `{"a":${'1'.repeat(400)}}`, '\u0000'),
  },
);

const paramValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('shop', 'box', 'renamed', 'op_x', 'tok_x') },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '..', '%2e%2e', '__proto__', 'constructor', 'x'.repeat(1000), 'a/b', 'a\u0000b') },
);

const query = fc.dictionary(
  fc.constantFrom('tail', 'follow', 'logsAfter', 'revision', '__proto__', 'x'),
  fc.oneof(fc.constantFrom('-1', '0', '1', '1e309', 'NaN', '99999999999999', 'true', 'yes', ''), fc.string({ maxLength: 20 })),
  { maxKeys: 3 },
);

const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/plain', '', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16'),
    // Lies about the length are harmless: the body is counted as it is read.
    'content-length': fc.constantFrom('0', '1', '99999999999', '-5', 'abc'),
    origin: fc.constantFrom('http://127.0.0.1', 'http://evil.test', 'null'),
    cookie: fc.string({ maxLength: 80 }).map((s) => `colo_session=${encodeURIComponent(s)}`),
    host: fc.constantFrom('127.0.0.1', 'evil.test', 'localhost:3000', ''),
    'x-forwarded-for': fc.string({ maxLength: 30 }).map(printable),
    'x-colo-peer': fc.string({ maxLength: 30 }).map(printable),
  },
  { requiredKeys: [] },
);

const auth = fc.constantFrom<'valid' | 'none' | 'garbage'>('valid', 'valid', 'valid', 'none', 'garbage');

// ---- the run ------------------------------------------------------------------------------

interface Sent {
  route: string;
  url: string;
  status: number;
  body?: string;
}

async function send(route: ApiRoute, input: { body: string | Uint8Array; params: string[]; query: Record<string, string>; headers: Record<string, string>; auth: string }): Promise<Sent> {
  const values = Object.fromEntries(route.params.map((p, i) => [p, input.params[i] ?? 'x']));
  const url = new URL(`http://127.0.0.1/api/v1${fillPattern(route.pattern, values)}`);
  for (const [k, v] of Object.entries(input.query)) url.searchParams.set(k, v);
  const h = new Headers();
  for (const [k, v] of Object.entries(input.headers)) h.set(k, v);
  if (input.auth === 'valid') h.set('authorization', `Bearer ${token}`);
  if (input.auth === 'garbage') h.set('authorization', 'Bearer colo_000');
  const hasBody = !['GET', 'HEAD'].includes(route.method);
  const req = new Request(url, { method: route.method, headers: h, body: hasBody ? (input.body as BodyInit) : undefined });
  const res = await route.handler(req, { params: Promise.resolve(values) as Promise<never> });
  const sent: Sent = { route: `${route.method} ${route.pattern}`, url: url.pathname + url.search, status: res.status };
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A live stream opened: it must be closable at once and give its slot back.
    await res.body?.cancel();
  } else {
    sent.body = await res.text();
  }
  return sent;
}

describe('every route under random input', () => {
  it(`answers ${TOTAL_REQUESTS} random requests without a 5xx, a stray rejection, a Docker object or unbounded memory`, async () => {
    const perRoute = Math.ceil(TOTAL_REQUESTS / routes.length);
    const rssBefore = process.memoryUsage().rss;
    let count = 0;
    const statuses = new Map<number, number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ body, params: fc.array(paramValue, { minLength: 2, maxLength: 2 }), query, headers, auth }),
          async (input) => {
            const sent = await send(route, input);
            count++;
            statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
            const said = `${sent.route} ${sent.url.slice(0, 200)}: ${sent.body?.slice(0, 300)}`;
            expect(sent.status, said).toBeLessThan(500);
            if (sent.status >= 400) expect(JSON.parse(sent.body ?? '{}').error?.code, said).toEqual(expect.any(String));
          },
        ),
        { numRuns: perRoute },
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(`fuzz: ${count} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; rss grew ${grownMb.toFixed(0)} MB`);

    expect(count).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
    expect(unhandled).toEqual([]);
    const runtime = getRuntime();
    const label = [`colo.instance=${t.instance}`];
    expect(await runtime.listContainers(label)).toEqual([]);
    expect(await runtime.listNetworks(label)).toEqual([]);
    expect(await runtime.listVolumes(label)).toEqual([]);
    // Bounded, not measured: 10k requests with 2 MiB bodies refused and streams opened must not
    // leave the process hundreds of megabytes bigger.
    expect(grownMb).toBeLessThan(400);
  }, 1_800_000);
});
