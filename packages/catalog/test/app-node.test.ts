// app-node: without a share it runs its built-in page; wired to a NAS seeded with node-demo and
// to redis (as the node-app assembly wires it), replicas run the app from the share and count in
// the one Redis; a bad `entry` stops the start with a clear message.
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { classEnv, classOf, createNetwork, createVolume, exec, logsOf, runAppliance, useClassImages, waitHealthy, wiringEnv } from './harness';

/** GET through node's own fetch inside the container: the image has no curl. */
async function nodeGet(container: Dockerode.Container, url: string): Promise<{ status: number; host: string | null; type: string | null; body: string }> {
  const script = `fetch(${JSON.stringify(url)}).then(async (r) => console.log(JSON.stringify({ status: r.status, host: r.headers.get('x-colo-host'), type: r.headers.get('content-type'), body: await r.text() })))`;
  const res = await exec(container, ['node', '-e', script]);
  if (res.exitCode !== 0) throw new Error(`GET ${url} failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

describe('app-node class', () => {
  useClassImages('app-node', 'nas', 'redis');

  it('runs its built-in page when no share is wired, healthy, as www-data', async () => {
    const cls = await classOf('app-node');
    const bare = await runAppliance({ cls, name: 'app-bare', network: await createNetwork('app-bare'), env: classEnv(cls, { applianceName: 'bare' }) });
    await waitHealthy(bare);
    const json = await nodeGet(bare, 'http://127.0.0.1/?format=json');
    expect(json.status).toBe(200);
    expect(json.host).toBe('app-bare');
    expect(JSON.parse(json.body)).toMatchObject({ host: 'app-bare', source: 'builtin', wiring: { db: null, mysql: null, cache: null, fs: null } });
    const html = await nodeGet(bare, 'http://127.0.0.1/');
    expect(html.type).toMatch(/^text\/html/);
    expect(html.body).toMatch(/Node\.js v18\.\d+\.\d+ is running/);
    expect((await exec(bare, ['stat', '-c', '%U', '/proc/1'])).stdout.trim()).toBe('www-data');
  });

  it('replicas run the app from a NAS seeded with node-demo and share one counter in redis', async () => {
    const [app, nas, redis] = [await classOf('app-node'), await classOf('nas'), await classOf('redis')];
    const share = await createVolume('node-share');
    const seeding = await runAppliance({
      cls: nas,
      name: 'node-content',
      network: await createNetwork('node-content'),
      env: classEnv(nas, { applianceName: 'content', properties: { seed: 'node-demo' } }),
      mounts: [{ volume: share, target: '/srv/share' }],
    });
    await waitHealthy(seeding);

    const network = await createNetwork('node-cache');
    const redisValues = { applianceName: 'cache', secrets: { password: 'pw-for-node' } };
    const cache = await runAppliance({
      cls: redis,
      name: 'node-cache',
      network,
      aliases: ['cache'],
      env: classEnv(redis, redisValues),
      mounts: [{ volume: await createVolume('node-cache-data'), target: '/var/lib/redis' }],
    });
    await waitHealthy(cache);

    const fs = app.terminals.outputs.find((t) => t.name === 'fs')!;
    const env = { ...classEnv(app, { applianceName: 'app' }), ...wiringEnv('cache', redis, 'in', redisValues), FS_MOUNT: fs.mountPath! };
    const replicas = [];
    for (const name of ['node-1', 'node-2']) {
      replicas.push(await runAppliance({ cls: app, name, network, env, mounts: [{ volume: share, target: fs.mountPath! }] }));
    }
    await Promise.all(replicas.map((r) => waitHealthy(r)));

    const first = await nodeGet(replicas[0], 'http://127.0.0.1/?format=json');
    expect(JSON.parse(first.body)).toEqual({ host: 'node-1', source: 'nas', hits: 1, replicas: { 'node-1': 1 } });
    const second = await nodeGet(replicas[1], 'http://127.0.0.1/?format=json');
    expect(JSON.parse(second.body)).toEqual({ host: 'node-2', source: 'nas', hits: 2, replicas: { 'node-1': 1, 'node-2': 1 } });
    expect(second.host).toBe('node-2');
    expect(await logsOf(replicas[0])).toContain('app-node: running /srv/share/app/server.js');
  });

  it('refuses an entry outside the share with a clear message', async () => {
    const cls = await classOf('app-node');
    const bad = await runAppliance({
      cls,
      name: 'app-bad-entry',
      network: await createNetwork('app-bad'),
      env: { ...classEnv(cls, { applianceName: 'bad' }), APP_ENTRY: '../etc/passwd.js' },
    });
    const exit = await bad.wait();
    expect(exit.StatusCode).toBe(64);
    expect(await logsOf(bad)).toMatch(/entry must be a \.js path inside the share/);
  });
});
