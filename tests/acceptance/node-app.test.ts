// The Node.js starter stack end to end: `colo apply` of templates/assemblies/node-app.yaml (on a
// free port), then HTTP on 127.0.0.1 through the load balancer: both app-node replicas run the
// app from the NAS share and count every request in the Redis they are wired to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, explainVdc, hitMany, vdcContainers, waitFor } from './harness';
import { type Colo, startColo } from './setup';
import { type Stack, deployStack, purgeStack, shellIn, stackOnFreePort } from './stack-assembly';

interface Visit {
  host: string;
  source: string;
  hits: number;
  replicas: Record<string, number>;
  error?: string;
}

let c: Colo;
let stack: Stack;
let vdcId: string;
let url = '';

beforeAll(async () => {
  stack = await stackOnFreePort('templates/assemblies/node-app.yaml');
  url = `http://127.0.0.1:${stack.port}/?format=json`;
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

describe('node-app assembly', () => {
  it('applies and runs the app from the NAS on both app-node replicas, counting in Redis', async () => {
    vdcId = await deployStack(c, stack);
    const app = stack.byClass('app-node');
    expect(app.replicas).toBe(2);
    const bodies = await waitFor('both app replicas behind the LB', async () => {
      const got = await hitMany<Visit>(url, 12);
      return new Set(got.map((b) => b.host)).size === 2 ? got : undefined;
    }, 120_000, 1000, () => explainVdc(vdcId));
    for (const b of bodies) expect(b.source).toBe('nas');
    for (let i = 1; i < bodies.length; i++) expect(bodies[i].hits).toBe(bodies[i - 1].hits + 1);
    // Each replica's share of the requests, kept beside the counter: together they are all of them.
    const last = bodies.at(-1) as Visit;
    expect(Object.keys(last.replicas).sort()).toEqual([...new Set(bodies.map((b) => b.host))].sort());
    expect(Object.values(last.replicas).reduce((a, b) => a + b, 0)).toBe(last.hits);

    const cache = stack.byClass('redis').name;
    const stored = await shellIn(vdcId, cache, 'REDISCLI_AUTH=$REDIS_PASSWORD redis-cli --no-auth-warning GET colo:node-demo:hits');
    expect(Number(stored)).toBe(last.hits);
  });

  it('answers HTML with the replica header the class adds to every response', async () => {
    const res = await fetch(url.replace('?format=json', ''), { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const host = res.headers.get('x-colo-host');
    expect(host).toMatch(/.+/);
    expect(await res.text()).toContain(`Served by replica <code>${host}</code>`);
  });

  it('runs node as www-data, healthy, with a read-only root and no capability', async () => {
    const app = stack.byClass('app-node').name;
    const replicas = await vdcContainers(vdcId, app);
    expect(replicas).toHaveLength(2);
    for (const r of replicas) {
      const info = await docker.getContainer(r.Id).inspect();
      expect(info.Config.User).toBe('www-data');
      expect(info.HostConfig.ReadonlyRootfs).toBe(true);
      expect(info.HostConfig.CapDrop).toEqual(['ALL']);
      expect(info.State.Health?.Status).toBe('healthy');
    }
    expect(await shellIn(vdcId, app, 'for p in /proc/[0-9]*; do [ "$(cat $p/comm)" = node ] && stat -c %U $p; done; true')).toBe('www-data');
  });

  it('destroy --purge removes it all', async () => {
    await purgeStack(c, stack, vdcId);
  });
});
