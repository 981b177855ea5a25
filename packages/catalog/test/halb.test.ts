// halb: HAProxy finds every replica of the wired appliance through Docker's DNS (all replicas
// carry the alias `out`), so backends added later get traffic with no restart or reload, and
// cookie stickiness works with those template-made servers. The statistics page wants the
// generated password (handed to wired clients like a database's); /healthz stays open.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  cleanup,
  createNetwork,
  ensureImages,
  exec,
  header,
  logsOf,
  phpGet,
  runAppliance,
  runClient,
  waitHealthy,
  wiringEnv,
} from './harness';

describe('halb class', () => {
  let network: string;
  let lb: Dockerode.Container;
  let client: Dockerode.Container;
  const backends = new Map<string, Dockerode.Container>();

  const startBackend = async (name: string, wait = true) => {
    const cls = await classOf('web-static');
    const c = await runAppliance({ cls, name, network, aliases: ['out'], env: classEnv(cls, { applianceName: 'web' }) });
    backends.set(name, c);
    if (wait) await waitHealthy(c);
  };
  const statsPassword = 'S3cretStatsPassw0rd';
  const startLb = async (name: string, properties: Record<string, string | number | boolean> = {}) => {
    const cls = await classOf('halb');
    const env = {
      ...classEnv(cls, { applianceName: name, properties, secrets: { cookieKey: 'k3y', statsPassword } }),
      // The wiring of lb.out → web.in (docs/contracts.md).
      OUT_HOST: 'out',
      OUT_PORT: '80',
    };
    const c = await runAppliance({ cls, name, network, aliases: [name], env });
    await waitHealthy(c);
    return c;
  };
  /** Which backend answered each of `n` requests through the balancer `lb`. */
  const hosts = async (n: number, lbName = 'lb', cookie?: string) => {
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await phpGet(client, `http://${lbName}/`, cookie ? [`Cookie: ${cookie}`] : []);
      expect(res.status).toBe(200);
      seen.push(header(res, 'x-colo-host')!);
    }
    return seen;
  };
  const haproxyPids = async (c: Dockerode.Container) =>
    (await exec(c, ['bash', '-c', 'for p in /proc/[0-9]*; do [[ $(cat $p/comm 2>/dev/null) == haproxy ]] && basename $p; done']))
      .stdout.trim()
      .split('\n')
      .sort();

  beforeAll(async () => {
    await ensureImages('halb', 'web-static', 'web-php');
    network = await createNetwork('web-in');
    client = await runClient('web-php', 'lb-client', network);
  });
  afterAll(cleanup);

  it('is healthy before any backend exists, answering 503', async () => {
    lb = await startLb('lb');
    const res = await phpGet(client, 'http://lb/');
    expect(res.status).toBe(503);
  });

  it('keeps the statistics page behind the generated password, and /healthz open', async () => {
    const halb = await classOf('halb');
    const wired = wiringEnv('stats', halb, 'stats', { applianceName: 'lb', secrets: { cookieKey: 'k3y', statsPassword } });
    expect(wired).toEqual({ STATS_HOST: 'stats', STATS_PORT: '8404', STATS_USER: 'stats', STATS_PASSWORD: statsPassword });

    const open = await phpGet(client, 'http://lb:8404/');
    expect(open.status).toBe(401);
    expect(open.body).not.toContain('Statistics Report');
    const wrong = await phpGet(client, 'http://lb:8404/', [`Authorization: Basic ${Buffer.from('stats:nope').toString('base64')}`]);
    expect(wrong.status).toBe(401);
    const basic = Buffer.from(`${wired.STATS_USER}:${wired.STATS_PASSWORD}`).toString('base64');
    const stats = await phpGet(client, 'http://lb:8404/', [`Authorization: Basic ${basic}`]);
    expect(stats.status).toBe(200);
    expect(stats.body).toContain('Statistics Report');
    expect((await phpGet(client, 'http://lb:8404/healthz')).status).toBe(200);

    // Read from the environment when HAProxy parses its configuration: never written or logged.
    const config = await exec(lb, ['cat', '/run/haproxy/haproxy.cfg']);
    expect(config.stdout).toContain('userlist stats_users');
    expect(config.stdout).not.toContain(statsPassword);
    expect(await logsOf(lb)).not.toContain(statsPassword);
  });

  it('balances across every replica carrying the alias', async () => {
    await Promise.all([startBackend('web-1'), startBackend('web-2')]);
    await expect.poll(async () => new Set(await hosts(4)).size, { timeout: 10_000, interval: 200 }).toBe(2);
    const seen = await hosts(10);
    expect(new Set(seen)).toEqual(new Set(['web-1', 'web-2']));
    // roundrobin: an even split
    expect(seen.filter((h) => h === 'web-1')).toHaveLength(5);
  });

  it('sends traffic to a replica added later within seconds, without restarting HAProxy', async () => {
    const before = await lb.inspect();
    const pidsBefore = await haproxyPids(lb);
    const started = Date.now();
    await startBackend('web-3', false);
    // Found through DNS by the running HAProxy (no reload); how fast is printed, not asserted:
    // on a loaded machine the resolver's answer and the first health check take longer.
    await expect.poll(async () => (await hosts(3)).includes('web-3'), { timeout: 30_000, interval: 100 }).toBe(true);
    console.log(`web-3 received traffic ${Date.now() - started} ms after it was started`);

    // All three in one round: polled, as a health check of the new replica may still flap under load.
    await expect.poll(async () => [...new Set(await hosts(9))].sort(), { timeout: 30_000, interval: 500 }).toEqual(['web-1', 'web-2', 'web-3']);
    const after = await lb.inspect();
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
    expect(after.RestartCount).toBe(0);
    expect(await haproxyPids(lb)).toEqual(pidsBefore); // no reload either: same master, same worker
  });

  it('stops sending traffic to a removed replica', async () => {
    await backends.get('web-3')!.remove({ force: true });
    await new Promise((r) => setTimeout(r, 3_000));
    const seen = await hosts(12);
    expect(new Set(seen)).toEqual(new Set(['web-1', 'web-2']));
  });

  it('keeps a client on one replica with the sticky cookie', async () => {
    await startLb('lb-sticky', { sticky: true, balance: 'leastconn' });
    await expect.poll(async () => new Set(await hosts(6, 'lb-sticky')).size, { timeout: 10_000, interval: 200 }).toBe(2);

    const first = await phpGet(client, 'http://lb-sticky/');
    const cookie = header(first, 'set-cookie')?.split(';')[0];
    expect(cookie).toMatch(/^COLO_SRV=[0-9a-f]+$/);
    const pinned = header(first, 'x-colo-host');
    expect(new Set(await hosts(10, 'lb-sticky', cookie))).toEqual(new Set([pinned]));

    // The other replica's cookie pins to the other replica: the cookie, not chance, decides.
    let other: string | undefined;
    for (let i = 0; i < 10 && !other; i++) {
      const res = await phpGet(client, 'http://lb-sticky/');
      if (header(res, 'x-colo-host') !== pinned) other = header(res, 'set-cookie')?.split(';')[0];
    }
    expect(other).toBeDefined();
    expect(new Set(await hosts(6, 'lb-sticky', other))).toEqual(new Set([...backends.keys()].filter((h) => h !== pinned && h !== 'web-3')));
  });
});
