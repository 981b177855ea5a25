// web-static: serves the wired share's www/ read-only, and its own page naming the replica
// when nothing is wired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  cleanup,
  createNetwork,
  createVolume,
  ensureImages,
  exec,
  header,
  phpGet,
  runAppliance,
  runClient,
  waitHealthy,
} from './harness';

describe('web-static class', () => {
  let network: string;
  let client: Awaited<ReturnType<typeof runClient>>;

  beforeAll(async () => {
    await ensureImages('web-static', 'web-php');
    network = await createNetwork('site-in');
  });
  afterAll(cleanup);

  it('serves www/ from the wired share, read-only', async () => {
    const cls = await classOf('web-static');
    const fs = cls.terminals.outputs.find((t) => t.name === 'fs')!;
    const share = await createVolume('site-share');
    client = await runClient('web-php', 'site-client', network, [{ volume: share, target: '/share' }]);
    await exec(client, ['bash', '-c', 'mkdir -p /share/www && echo "hello from the share" > /share/www/index.html']);

    const web = await runAppliance({
      cls,
      name: 'site-1',
      network,
      aliases: ['site'],
      env: { ...classEnv(cls, { applianceName: 'site' }), FS_MOUNT: fs.mountPath! },
      mounts: [{ volume: share, target: fs.mountPath!, readOnly: fs.readOnly }],
    });
    await waitHealthy(web);
    const res = await phpGet(client, 'http://site/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from the share\n');
    expect(header(res, 'x-colo-host')).toBe('site-1');
    expect((await phpGet(client, 'http://site/missing.html')).status).toBe(404);

    const write = await exec(web, ['touch', `${fs.mountPath}/www/new`]);
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toMatch(/Read-only file system/);
  });

  it('serves its built-in page naming the replica when nothing is wired', async () => {
    const cls = await classOf('web-static');
    const web = await runAppliance({ cls, name: 'bare-1', network, aliases: ['bare'], env: classEnv(cls, { applianceName: 'bare' }) });
    await waitHealthy(web);
    const res = await phpGet(client, 'http://bare/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('This web server is running.');
    expect(res.body).toContain('<code>bare-1</code>');
  });
});
