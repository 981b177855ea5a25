// net: the gateway lets a wired client reach exactly the hosts on its allow-list. The "outside"
// is a test-made, non-internal network holding two of our own web servers; no other address is
// ever contacted.
import { describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  createNetwork,
  docker,
  exec,
  LABELS,
  objectName,
  runAppliance,
  runClient,
  useClassImages,
  waitHealthy,
  wiringEnv,
} from './harness';

/** An HTTP request through the proxy with bash alone; the status line, or '' when it failed. */
const viaProxy = (host: string, port: string, url: string) =>
  `exec 3<>/dev/tcp/${host}/${port} || exit 3; printf 'GET ${url} HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n' >&3; timeout 10 head -1 <&3`;
const connectVia = (host: string, port: string, target: string) =>
  `exec 3<>/dev/tcp/${host}/${port} || exit 3; printf 'CONNECT ${target} HTTP/1.0\\r\\n\\r\\n' >&3; timeout 10 head -1 <&3`;

describe('net class', () => {
  useClassImages('net', 'web-static');

  it('passes a wired client to allowed hosts only, and an unwired one has no route out', async () => {
    const cls = await classOf('net');
    expect(cls.egress).toBe(true);
    const allowed = objectName('dest-a');
    const denied = objectName('dest-b');

    const outside = objectName('outside');
    await docker.createNetwork({ Name: outside, Driver: 'bridge', Internal: false, Labels: LABELS, CheckDuplicate: true });
    const web = await classOf('web-static');
    const destinations = await Promise.all(
      ['dest-a', 'dest-b'].map((name) => runAppliance({ cls: web, name, network: outside, env: classEnv(web, { applianceName: name }) })),
    );
    await Promise.all(destinations.map((d) => waitHealthy(d)));

    const wire = await createNetwork('net-in');
    const gateway = await runAppliance({
      cls,
      name: 'gw',
      network: wire,
      aliases: ['proxy'],
      env: classEnv(cls, { applianceName: 'gw', properties: { allow: allowed } }),
    });
    await docker.getNetwork(outside).connect({ Container: gateway.id });
    await waitHealthy(gateway);

    const env = wiringEnv('proxy', cls, 'in', { applianceName: 'gw' });
    const client = await runClient('net', 'client', wire);
    const through = (url: string) => exec(client, ['bash', '-c', viaProxy(env.PROXY_HOST, env.PROXY_PORT, url)]);
    expect((await through(`http://${allowed}/`)).stdout).toMatch(/^HTTP\/1\.[01] 200/);
    expect((await through(`http://${denied}/`)).stdout).toMatch(/^HTTP\/1\.[01] 403/);
    // CONNECT (HTTPS) only to port 443, and only to allowed hosts.
    const tunnel = await exec(client, ['bash', '-c', connectVia(env.PROXY_HOST, env.PROXY_PORT, `${allowed}:80`)]);
    expect(tunnel.stdout).toMatch(/^HTTP\/1\.[01] 403/);

    // Without the gateway there is no way out: not from the wired client, nor from one wired to nothing.
    const [destIp] = Object.values((await destinations[0].inspect()).NetworkSettings.Networks).map((n) => n.IPAddress);
    const lonely = await runClient('net', 'lonely', await createNetwork('nothing'));
    for (const c of [client, lonely]) {
      const direct = await exec(c, ['bash', '-c', `timeout 4 bash -c '</dev/tcp/${destIp}/80'`]);
      expect(direct.exitCode).not.toBe(0);
    }
  });

  it('allows nothing by default', async () => {
    const cls = await classOf('net');
    expect(classEnv(cls, { applianceName: 'gw' })).toEqual({ NET_ALLOW: '' });
  });
});
