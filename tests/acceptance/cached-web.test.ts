// The Redis-cached starter stack end to end: `colo apply` of templates/assemblies/cached-web.yaml
// (on a free port), then HTTP on 127.0.0.1 through the load balancer: the first request for an
// answer computes it (a miss), every later one on any replica is served from Redis (hits), and
// the counters on the page grow.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainVdc, hitMany, waitFor } from './harness';
import { type Colo, startColo } from './setup';
import { type Stack, deployStack, purgeStack, shellIn, stackOnFreePort } from './stack-assembly';

interface CachePage {
  host: string;
  source: string;
  n: number;
  primes: number;
  cache: 'hit' | 'miss';
  hits: number;
  misses: number;
  views: number;
  error?: string;
}

/** The answer the page computes, computed here another way (a sieve). */
function primesBelow(n: number): number {
  const composite = new Uint8Array(n);
  let count = 0;
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return count;
}

let c: Colo;
let stack: Stack;
let vdcId: string;
let base = '';
// An n no earlier run cached: the answer must start as a miss.
const n = randomInt(50_000, 100_000);

beforeAll(async () => {
  stack = await stackOnFreePort('templates/assemblies/cached-web.yaml');
  base = `http://127.0.0.1:${stack.port}/`;
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

describe('cached-web assembly', () => {
  it('applies and serves the cache demo from the NAS on both web replicas', async () => {
    vdcId = await deployStack(c, stack);
    expect(stack.byClass('web-php').replicas).toBe(2);
    const seen = await waitFor('both web replicas behind the LB', async () => {
      const got = await hitMany<CachePage>(`${base}?format=json&n=1000`, 10);
      return new Set(got.map((b) => b.host)).size === 2 ? got : undefined;
    }, 120_000, 1000, () => explainVdc(vdcId));
    for (const b of seen) expect(b).toMatchObject({ source: 'nas', n: 1000, primes: 168 });
  });

  it('computes an answer once (a miss), then every replica serves it from Redis with a growing hit count', async () => {
    const url = `${base}?format=json&n=${n}`;
    const [first] = await hitMany<CachePage>(url, 1);
    expect(first).toMatchObject({ cache: 'miss', n, primes: primesBelow(n) });

    const later = await hitMany<CachePage>(url, 8);
    for (const b of later) expect(b).toMatchObject({ cache: 'hit', n, primes: first.primes, misses: first.misses });
    expect(new Set(later.map((b) => b.host)).size).toBe(2); // the cache is shared, not per replica
    const hits = [first.hits, ...later.map((b) => b.hits)];
    for (let i = 1; i < hits.length; i++) expect(hits[i]).toBe(hits[i - 1] + 1);
    const views = [first, ...later].map((b) => b.views);
    for (let i = 1; i < views.length; i++) expect(views[i]).toBe(views[i - 1] + 1);

    // The answer and the counters are in Redis itself.
    const cache = stack.byClass('redis').name;
    const redis = (args: string) => shellIn(vdcId, cache, `REDISCLI_AUTH=$REDIS_PASSWORD redis-cli --no-auth-warning ${args}`);
    expect(await redis(`GET colo:cache-demo:primes:${n}`)).toBe(String(first.primes));
    expect(Number(await redis('GET colo:cache-demo:hits'))).toBe(later.at(-1)?.hits);
  });

  it('recomputes once the cached answer is gone', async () => {
    const cache = stack.byClass('redis').name;
    await shellIn(vdcId, cache, `REDISCLI_AUTH=$REDIS_PASSWORD redis-cli --no-auth-warning DEL colo:cache-demo:primes:${n}`);
    const [again, next] = await hitMany<CachePage>(`${base}?format=json&n=${n}`, 2);
    expect(again.cache).toBe('miss');
    expect(next.cache).toBe('hit');
    expect(again.primes).toBe(primesBelow(n));
  });

  it('shows hits and misses on an HTML page, and refuses a bad n', async () => {
    const res = await fetch(`${base}?n=${n}`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-colo-host')).toBeTruthy();
    const html = await res.text();
    expect(html).toContain('cache hit');
    expect(html).toMatch(/\d+ hits, \d+ misses, \d+ page views/);

    const bad = await fetch(`${base}?format=json&n=-5`, { headers: { connection: 'close' } });
    expect(bad.status).toBe(400);
  });

  it('destroy --purge removes it all', async () => {
    await purgeStack(c, stack, vdcId);
  });
});
