import { describe, expect, it } from 'vitest';
import { appliance, shopManifest, shopSecrets, svcClass } from '../../test/fixtures/test-classes';
import { desiredState } from './desired-state';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const base = { vdc, revisionId: 'rev_1', secrets: shopSecrets, config: { instance: 'test' } };

function shop(options?: Parameters<typeof shopManifest>[0]) {
  return desiredState({ ...base, manifest: shopManifest(options) });
}

const byName = <T extends { name: string }>(list: T[], name: string): T => {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`no ${name} in ${list.map((x) => x.name).join(', ')}`);
  return found;
};

describe('desiredState', () => {
  it('names containers, networks and volumes after the VDC key', () => {
    const d = shop();
    expect(d.containers.map((c) => c.name)).toEqual([
      'colo-shop-k3j9x2-lb-1',
      'colo-shop-k3j9x2-web-1',
      'colo-shop-k3j9x2-web-2',
      'colo-shop-k3j9x2-web-3',
      'colo-shop-k3j9x2-db-1',
      'colo-shop-k3j9x2-content-1',
      'colo-shop-k3j9x2-stats-1',
    ]);
    expect(d.networks.map((n) => [n.name, n.internal]).sort()).toEqual([
      ['colo-shop-k3j9x2-db-in', true],
      ['colo-shop-k3j9x2-edge', false],
      ['colo-shop-k3j9x2-stats-in', true],
      ['colo-shop-k3j9x2-web-in', true],
    ]);
    expect(d.volumes.map((v) => v.name).sort()).toEqual(['colo-shop-k3j9x2-content-share', 'colo-shop-k3j9x2-db-data']);
  });

  it('labels every object with instance, vdc and revision', () => {
    const d = shop();
    const web2 = byName(d.containers, 'colo-shop-k3j9x2-web-2');
    expect(web2.create.Labels).toMatchObject({
      'colo.managed': 'true',
      'colo.instance': 'test',
      'colo.vdc': vdc.id,
      'colo.revision': 'rev_1',
      'colo.appliance': 'web',
      'colo.replica': '2',
      'colo.class': 'echo-web',
      'colo.spec': web2.specHash,
    });
    expect(byName(d.networks, 'colo-shop-k3j9x2-db-in').labels).toMatchObject({ 'colo.appliance': 'db', 'colo.terminal': 'in', 'colo.vdc': vdc.id });
    expect(byName(d.networks, 'colo-shop-k3j9x2-edge').labels).toMatchObject({ 'colo.role': 'edge', 'colo.instance': 'test' });
    expect(byName(d.volumes, 'colo-shop-k3j9x2-db-data').labels).toMatchObject({ 'colo.appliance': 'db', 'colo.volume': 'data' });
  });

  it('puts a server on its input network with the wired output names as aliases, and the client beside it', () => {
    const d = shop();
    const db = byName(d.containers, 'colo-shop-k3j9x2-db-1');
    expect(db.networks).toEqual([{ network: 'colo-shop-k3j9x2-db-in', aliases: ['db'] }]);
    expect(db.create.NetworkingConfig?.EndpointsConfig).toEqual({ 'colo-shop-k3j9x2-db-in': { Aliases: ['db'] } });
    const web = byName(d.containers, 'colo-shop-k3j9x2-web-1');
    expect(web.networks).toEqual([
      { network: 'colo-shop-k3j9x2-web-in', aliases: ['out'] },
      { network: 'colo-shop-k3j9x2-db-in', aliases: [] },
    ]);
    // API 1.41 takes one network at create: only the first is in the create body.
    expect(Object.keys(web.create.NetworkingConfig?.EndpointsConfig ?? {})).toEqual(['colo-shop-k3j9x2-web-in']);
    expect(web.create.HostConfig?.NetworkMode).toBe('colo-shop-k3j9x2-web-in');
  });

  it('joins only the exposing container to the edge network and publishes on 127.0.0.1', () => {
    const d = shop({ lbPort: 18123 });
    const onEdge = d.containers.filter((c) => c.networks.some((n) => n.network === 'colo-shop-k3j9x2-edge'));
    expect(onEdge.map((c) => c.name)).toEqual(['colo-shop-k3j9x2-lb-1']);
    const lb = onEdge[0];
    expect(lb.create.HostConfig?.NetworkMode).toBe('colo-shop-k3j9x2-edge');
    expect(lb.create.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18123' }] });
    expect(lb.create.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(d.containers.filter((c) => c.create.HostConfig?.PortBindings)).toHaveLength(1);
  });

  it('publishes on the configured host and has no edge network when nothing is exposed', () => {
    const other = desiredState({ ...base, config: { instance: 'test', publishHost: '127.0.0.2' }, manifest: shopManifest() });
    expect(byName(other.containers, 'colo-shop-k3j9x2-lb-1').create.HostConfig?.PortBindings?.['80/tcp']).toEqual([
      { HostIp: '127.0.0.2', HostPort: '18080' },
    ]);
    const manifest = shopManifest();
    manifest.appliances[0].expose = [];
    expect(desiredState({ ...base, manifest }).networks.map((n) => n.name)).not.toContain('colo-shop-k3j9x2-edge');
  });

  it('gives the client host, port and the server clientEnv rendered with the server secrets and properties', () => {
    const web = byName(shop().containers, 'colo-shop-k3j9x2-web-3');
    const env = Object.fromEntries((web.create.Env ?? []).map((e) => e.split(/=(.*)/s).slice(0, 2)));
    expect(env).toMatchObject({
      DB_HOST: 'db',
      DB_PORT: '5432',
      DB_USER: 'app',
      DB_PASSWORD: 'pw-0123456789',
      DB_NAME: 'shop',
      FS_MOUNT: '/srv/content',
      GREETING: 'hello',
      SITE: 'shop/web',
      COLO_APPLIANCE: 'web',
      COLO_REPLICA: '3',
    });
    const lbEnv = byName(shop().containers, 'colo-shop-k3j9x2-lb-1').create.Env;
    expect(lbEnv).toEqual(expect.arrayContaining(['OUT_HOST=out', 'OUT_PORT=80', 'STATS_HOST=stats', 'STATS_PORT=80']));
  });

  it('mounts instance volumes shared by replicas, and the server volume read-only through fs wiring', () => {
    const d = shop();
    const web1 = byName(d.containers, 'colo-shop-k3j9x2-web-1');
    const web2 = byName(d.containers, 'colo-shop-k3j9x2-web-2');
    expect(web1.create.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'colo-shop-k3j9x2-content-share', Target: '/srv/content', ReadOnly: true },
    ]);
    expect(web2.create.HostConfig?.Mounts).toEqual(web1.create.HostConfig?.Mounts);
    expect(byName(d.containers, 'colo-shop-k3j9x2-db-1').create.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'colo-shop-k3j9x2-db-data', Target: '/var/lib/echo', ReadOnly: false },
    ]);
  });

  it('limits every container and grants no privilege, host path or default bridge', () => {
    for (const c of shop().containers) {
      const host = c.create.HostConfig!;
      expect(host.NanoCpus, c.name).toBeGreaterThan(0);
      expect(host.Memory, c.name).toBeGreaterThan(0);
      expect(host.PidsLimit, c.name).toBe(1024);
      expect(host.SecurityOpt).toEqual(['no-new-privileges']);
      expect(host.Privileged).toBe(false);
      expect(host.Binds).toBeUndefined();
      expect(host.CapAdd).toBeUndefined();
      expect(host.CapDrop).toEqual(['ALL']);
      expect(host.ReadonlyRootfs).toBe(true);
      expect(host.Devices).toBeUndefined();
      expect(host.RestartPolicy).toEqual({ Name: 'unless-stopped' });
      expect(host.NetworkMode).not.toMatch(/^(bridge|default|host)$/);
      expect(host.Mounts?.every((m) => m.Type === 'volume')).toBe(true);
    }
    const web = byName(shop().containers, 'colo-shop-k3j9x2-web-1');
    expect(web.create.HostConfig?.NanoCpus).toBe(200_000_000);
    expect(web.create.HostConfig?.Memory).toBe(48 * 1024 ** 2);
    expect(web.create.Hostname).toBe('web-1');
    expect(web.create.Image).toBe('colo-test/echo:2');
    expect(web.create.Healthcheck).toMatchObject({ Interval: 1e9, Retries: 20 });
  });

  it('runs an appliance wired to nothing with NetworkMode none', () => {
    const content = byName(shop().containers, 'colo-shop-k3j9x2-content-1');
    expect(content.networks).toEqual([]);
    expect(content.create.HostConfig?.NetworkMode).toBe('none');
    expect(content.create.NetworkingConfig).toBeUndefined();
  });

  it('keeps the spec hash stable across revisions and scaling, and changes it with what defines the container', () => {
    const a = shop();
    const b = desiredState({ ...base, revisionId: 'rev_2', manifest: shopManifest({ webReplicas: 5 }) });
    const hashes = (d: typeof a) => Object.fromEntries(d.containers.map((c) => [c.name, c.specHash]));
    expect(hashes(b)).toMatchObject(hashes(a));
    expect(new Set(a.containers.map((c) => c.specHash)).size).toBe(a.containers.length);

    const changed = desiredState({ ...base, manifest: shopManifest({ dbGreeting: 'changed' }) });
    const diff = changed.containers.filter((c) => c.specHash !== hashes(a)[c.name]).map((c) => c.name);
    expect(diff).toEqual(['colo-shop-k3j9x2-db-1']);
    expect(byName(changed.containers, 'colo-shop-k3j9x2-db-1').specParts.env).not.toBe(
      byName(a.containers, 'colo-shop-k3j9x2-db-1').specParts.env,
    );
  });

  it('orders boot: clients after servers and startAfter', () => {
    const d = shop();
    expect(byName(d.containers, 'colo-shop-k3j9x2-lb-1').after).toEqual(['stats', 'web']);
    expect(byName(d.containers, 'colo-shop-k3j9x2-web-1').after).toEqual(['content', 'db']);
    expect(byName(d.containers, 'colo-shop-k3j9x2-db-1').after).toEqual([]);
    expect(byName(d.containers, 'colo-shop-k3j9x2-web-1').create.Labels?.['colo.after']).toBe('content,db');
  });

  it('refuses a boot-order cycle and a missing secret', () => {
    const cyclic = {
      name: 'loop',
      appliances: [appliance('a', svcClass), appliance('b', svcClass, { startAfter: ['a'] })],
      connections: [{ from: { appliance: 'a', terminal: 'out' }, to: { appliance: 'b', terminal: 'in' } }],
    };
    expect(() => desiredState({ ...base, manifest: cyclic })).toThrow(/cycle through: a, b/);
    expect(() => desiredState({ ...base, secrets: {}, manifest: shopManifest() })).toThrow(/secret "password" has no value/);
  });

  it('marks standby containers', () => {
    const manifest = shopManifest();
    manifest.appliances[4].standby = true;
    const stats = byName(desiredState({ ...base, manifest }).containers, 'colo-shop-k3j9x2-stats-1');
    expect(stats.standby).toBe(true);
    expect(stats.create.Labels?.['colo.standby']).toBe('true');
  });
});
