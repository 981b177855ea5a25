// nas + web-php + postgres, wired as the lamp-cluster assembly wires them: the NAS seeds the demo
// app into its share, web replicas serve it from the share and count hits in PostgreSQL through
// the DB_* env the wiring gives them (which must reach PHP through FPM).
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  createNetwork,
  createVolume,
  exec,
  header,
  phpGet,
  runAppliance,
  runClient,
  useClassImages,
  waitHealthy,
  wiringEnv,
} from './harness';

describe('LAMP: nas + web-php + postgres', () => {
  let share: string;
  let nas: Dockerode.Container;
  const webs: Dockerode.Container[] = [];

  useClassImages('nas', 'postgres', 'web-php');

  it('nas seeds an empty share with the demo app and serves it read-only over http', async () => {
    const cls = await classOf('nas');
    share = await createVolume('share');
    const httpNet = await createNetwork('content-http');
    nas = await runAppliance({
      cls,
      name: 'content',
      network: httpNet,
      aliases: ['files'],
      env: classEnv(cls, { applianceName: 'content', properties: { seed: 'lamp-demo' } }),
      mounts: [{ volume: share, target: '/srv/share' }],
    });
    await waitHealthy(nas);
    const listing = await exec(nas, ['ls', '-ln', '/srv/share/www']);
    expect(listing.stdout).toMatch(/ 33 +33 .* index\.php/); // owned by www-data, so web replicas may write

    const browser = await runClient('web-php', 'files-client', httpNet);
    const index = await phpGet(browser, 'http://files/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('href="www/"');
    const source = await phpGet(browser, 'http://files/www/index.php');
    expect(source.status).toBe(200);
    expect(header(source, 'content-type')).toMatch(/^text\/plain/); // data, never executed
    expect(source.body).toContain('<?php');
  });

  it('web-php replicas serve the app from the share and share one counter in postgres', async () => {
    const pg = await classOf('postgres');
    const web = await classOf('web-php');
    const pgValues = { applianceName: 'db', properties: { database: 'lamp', user: 'lamp' }, secrets: { password: 'pw-for-lamp' } };
    const dbNet = await createNetwork('db-in');
    const db = await runAppliance({
      cls: pg,
      name: 'db',
      network: dbNet,
      aliases: ['db'],
      env: classEnv(pg, pgValues),
      mounts: [{ volume: await createVolume('db-data'), target: '/var/lib/postgresql/data' }],
    });
    await waitHealthy(db);

    const fs = web.terminals.outputs.find((t) => t.name === 'fs')!;
    const env = {
      ...classEnv(web, { applianceName: 'web', properties: { workers: 3 } }),
      ...wiringEnv('db', pg, 'in', pgValues),
      FS_MOUNT: fs.mountPath!,
    };
    for (const name of ['web-1', 'web-2']) {
      webs.push(await runAppliance({ cls: web, name, network: dbNet, env, mounts: [{ volume: share, target: fs.mountPath!, readOnly: fs.readOnly }] }));
    }
    await Promise.all(webs.map((w) => waitHealthy(w)));

    const first = await phpGet(webs[0], 'http://127.0.0.1/?format=json');
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ host: 'web-1', hits: 1, source: 'nas' });
    const second = await phpGet(webs[1], 'http://127.0.0.1/', ['Accept: application/json']);
    expect(JSON.parse(second.body)).toEqual({ host: 'web-2', hits: 2, source: 'nas' });
    expect(header(second, 'x-colo-host')).toBe('web-2');

    const html = await phpGet(webs[1], 'http://127.0.0.1/');
    expect(header(html, 'content-type')).toMatch(/^text\/html/);
    expect(html.body).toContain('web-2');
    expect(html.body).toContain('served from the NAS share');
    expect(html.body).toMatch(/>3 <small>hits/);

    // Concurrent requests on both replicas: the counter never loses one.
    const burst = 'for i in $(seq 10); do php -r \'file_get_contents("http://127.0.0.1/?format=json");\' & done; wait';
    await Promise.all(webs.map((w) => exec(w, ['bash', '-c', burst])));
    const last = JSON.parse((await phpGet(webs[0], 'http://127.0.0.1/?format=json')).body);
    expect(last.hits).toBe(3 + 20 + 1);
  });

  it('php-fpm runs as www-data with the configured number of workers', async () => {
    const r = await exec(webs[0], ['bash', '-c', 'grep -h "^pm.max_children" /run/colo/php-fpm.conf; stat -c %U /run/php/php-fpm.sock']);
    expect(r.stdout).toBe('pm.max_children = 3\nwww-data\n');
  });

  it('web-php without wiring serves its built-in page', async () => {
    const web = await classOf('web-php');
    const bare = await runAppliance({ cls: web, name: 'web-bare', network: await createNetwork('bare'), env: classEnv(web, { applianceName: 'bare' }) });
    await waitHealthy(bare);
    const page = await phpGet(bare, 'http://127.0.0.1/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/PHP 8\.2\.\d+ is running/);
    expect(page.body).toContain('not wired');
  });
});
