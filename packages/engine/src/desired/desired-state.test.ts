import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classSchema } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { appliance, shopManifest, shopSecrets, svcClass, wire } from '../../test/fixtures/test-classes';
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
    expect(d.networks.map((n) => [n.name, n.role, n.internal]).sort()).toEqual([
      ['colo-edge-test-18080-net', 'edge', false],
      ['colo-shop-k3j9x2-ingress-lb-in', 'ingress', true],
      ['colo-shop-k3j9x2-wire-lb-out', 'wire', true],
      ['colo-shop-k3j9x2-wire-lb-stats', 'wire', true],
      ['colo-shop-k3j9x2-wire-web-db', 'wire', true],
    ]);
    expect(d.listeners.map((l) => l.name)).toEqual(['colo-edge-test-18080']);
    expect(d.volumes.map((v) => v.name).sort()).toEqual(['colo-shop-k3j9x2-content-share', 'colo-shop-k3j9x2-db-data']);
  });

  it('labels every object with instance, vdc and revision, the listener\'s own bridge too', () => {
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
    expect(byName(d.networks, 'colo-shop-k3j9x2-wire-web-db').labels).toMatchObject({
      'colo.role': 'wire',
      'colo.appliance': 'db',
      'colo.terminal': 'in',
      'colo.client': 'web',
      'colo.output': 'db',
      'colo.vdc': vdc.id,
    });
    expect(byName(d.networks, 'colo-shop-k3j9x2-ingress-lb-in').labels).toMatchObject({ 'colo.role': 'ingress', 'colo.appliance': 'lb', 'colo.terminal': 'in' });
    expect(byName(d.networks, 'colo-edge-test-18080-net').labels).toMatchObject({
      'colo.managed': 'true',
      'colo.instance': 'test',
      'colo.vdc': vdc.id,
      'colo.role': 'edge',
      'colo.edge-port': '18080',
    });
    expect(d.listeners[0].create.Labels).toMatchObject({ 'colo.role': 'edge', 'colo.instance': 'test', 'colo.vdc': vdc.id, 'colo.edge-port': '18080' });
    expect(d.listeners[0].create.Labels?.['colo.appliance']).toBeUndefined();
    expect(byName(d.volumes, 'colo-shop-k3j9x2-db-data').labels).toMatchObject({ 'colo.appliance': 'db', 'colo.volume': 'data' });
  });

  it('creates every internal network without a host address; a listener\'s bridge relies on no bridge option', () => {
    for (const n of shop().networks) {
      if (n.role === 'edge') expect(n).toMatchObject({ internal: false, options: {} });
      else expect(n.options, n.name).toEqual({ 'com.docker.network.bridge.inhibit_ipv4': 'true' });
    }
  });

  it('gives every listener a bridge of its own: no two published ports share a network', () => {
    const manifest = shopManifest({ lbPort: 18123 });
    manifest.appliances[4].expose = [{ terminal: 'in', port: 18124 }];
    const d = desiredState({ ...base, manifest });
    expect(d.listeners.map((l) => l.networks[0].network)).toEqual(['colo-edge-test-18123-net', 'colo-edge-test-18124-net']);
    const users = (net: string) => [...d.containers, ...d.listeners].filter((c) => c.networks.some((n) => n.network === net)).map((c) => c.name);
    expect(users('colo-edge-test-18123-net')).toEqual(['colo-edge-test-18123']);
    expect(users('colo-edge-test-18124-net')).toEqual(['colo-edge-test-18124']);
  });

  it('gives each wire its own network: the server answers there to the output name, the client joins without one', () => {
    const d = shop();
    const db = byName(d.containers, 'colo-shop-k3j9x2-db-1');
    expect(db.networks).toEqual([{ network: 'colo-shop-k3j9x2-wire-web-db', aliases: ['db'] }]);
    expect(db.create.NetworkingConfig?.EndpointsConfig).toEqual({ 'colo-shop-k3j9x2-wire-web-db': { Aliases: ['db'] } });
    const web = byName(d.containers, 'colo-shop-k3j9x2-web-1');
    expect(web.networks).toEqual([
      { network: 'colo-shop-k3j9x2-wire-lb-out', aliases: ['out'] },
      { network: 'colo-shop-k3j9x2-wire-web-db', aliases: [] },
    ]);
    // API 1.41 takes one network at create: only the first is in the create body.
    expect(Object.keys(web.create.NetworkingConfig?.EndpointsConfig ?? {})).toEqual(['colo-shop-k3j9x2-wire-lb-out']);
    expect(web.create.HostConfig?.NetworkMode).toBe('colo-shop-k3j9x2-wire-lb-out');
  });

  it('never puts two clients of one input on one network', () => {
    const manifest = shopManifest();
    manifest.appliances.push(appliance('admin', manifest.appliances[0].class));
    manifest.connections.push(wire('admin.out', 'web.in'), wire('admin.stats', 'stats.in'));
    const d = desiredState({ ...base, manifest });
    const lb = byName(d.containers, 'colo-shop-k3j9x2-lb-1').networks.map((n) => n.network);
    const admin = byName(d.containers, 'colo-shop-k3j9x2-admin-1').networks.map((n) => n.network);
    expect(lb.filter((n) => admin.includes(n))).toEqual([]);
    // The server sits on both wires, answering to each client's output name.
    expect(byName(d.containers, 'colo-shop-k3j9x2-web-1').networks.slice(0, 2)).toEqual([
      { network: 'colo-shop-k3j9x2-wire-admin-out', aliases: ['out'] },
      { network: 'colo-shop-k3j9x2-wire-lb-out', aliases: ['out'] },
    ]);
  });

  it('publishes no port from any appliance: every replica of an exposed one joins its ingress network', () => {
    const d = shop({ lbPort: 18123 });
    for (const c of d.containers) {
      expect(c.create.HostConfig?.PortBindings, c.name).toBeUndefined();
      expect(c.create.HostConfig?.NetworkMode).not.toBe('colo-edge-test-18123-net');
    }
    const lb = byName(d.containers, 'colo-shop-k3j9x2-lb-1');
    expect(lb.networks[0]).toEqual({ network: 'colo-shop-k3j9x2-ingress-lb-in', aliases: ['lb-in-shop-k3j9x2'] });
  });

  it('makes one edge listener per published port, on its own bridge and the ingress network, pointed at the alias', () => {
    const [l] = shop({ lbPort: 18123 }).listeners;
    expect(l.name).toBe('colo-edge-test-18123');
    expect(l.image).toBe('colo/edge-proxy:1');
    expect(l.create.HostConfig?.PortBindings).toEqual({ '10080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18123' }] });
    expect(l.create.HostConfig?.NetworkMode).toBe('colo-edge-test-18123-net');
    expect(l.create.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(l.networks.map((n) => n.network)).toEqual(['colo-edge-test-18123-net', 'colo-shop-k3j9x2-ingress-lb-in']);
    expect(l.create.Env).toEqual(expect.arrayContaining(['EDGE_TARGET_HOST=lb-in-shop-k3j9x2', 'EDGE_TARGET_PORT=80']));
    expect(l.after).toEqual(['lb']);
    expect(l.target).toMatchObject({ appliance: 'lb', terminal: 'in', port: 80 });
  });

  it('takes the listener image from the configured namespace, at the version of its system class', () => {
    const d = desiredState({ ...base, manifest: shopManifest({ lbPort: 18123 }), config: { instance: 'test', imageNamespace: 'acme' } });
    const version = /^version: (\d+)$/m.exec(readFileSync(path.join(__dirname, '../../../../templates/system/edge-proxy/class.yaml'), 'utf8'))?.[1];
    expect(d.listeners[0].image).toBe(`acme/edge-proxy:${version}`);
  });

  it('keeps a listener\'s spec when only its target changes: re-pointing is a reload, not a new container', () => {
    const a = shop({ lbPort: 18123 }).listeners[0];
    const manifest = shopManifest({ lbPort: 18123 });
    manifest.appliances[0].expose = [];
    manifest.appliances[4].expose = [{ terminal: 'in', port: 18123 }];
    const b = desiredState({ ...base, manifest }).listeners[0];
    expect(b.name).toBe(a.name);
    expect(b.target.appliance).toBe('stats');
    expect(b.specHash).toBe(a.specHash);
  });

  it('puts only a gateway class on an egress bridge, one of its own, and hands its clients HTTP(S)_PROXY', () => {
    const gateway = classSchema.parse({
      id: 'net',
      version: 1,
      title: 'Gateway',
      image: 'colo-test/echo:2',
      egress: true,
      terminals: { inputs: [{ name: 'in', protocol: 'http-proxy', port: 3128 }] },
      resources: { cpu: { min: 0.05, max: 1, default: 0.1 }, memory: { min: '16Mi', max: '64Mi', default: '32Mi' } },
    });
    const client = classSchema.parse({
      id: 'app',
      version: 1,
      title: 'App',
      image: 'colo-test/echo:2',
      terminals: { outputs: [{ name: 'proxy', protocol: 'http-proxy' }, { name: 'api', protocol: 'http' }] },
      resources: { cpu: { min: 0.05, max: 1, default: 0.1 }, memory: { min: '16Mi', max: '64Mi', default: '32Mi' } },
    });
    const d = desiredState({
      ...base,
      manifest: {
        name: 'shop',
        appliances: [appliance('app', client), appliance('gw', gateway), appliance('svc', svcClass)],
        connections: [wire('app.proxy', 'gw.in'), wire('app.api', 'svc.in')],
      },
    });
    expect(byName(d.networks, 'colo-shop-k3j9x2-egress-gw')).toMatchObject({ internal: false, role: 'egress', options: {}, labels: { 'colo.vdc': vdc.id } });
    expect(byName(d.containers, 'colo-shop-k3j9x2-gw-1').networks.map((n) => n.network)).toEqual(['colo-shop-k3j9x2-wire-app-proxy', 'colo-shop-k3j9x2-egress-gw']);
    expect(byName(d.containers, 'colo-shop-k3j9x2-app-1').networks.map((n) => n.network)).toEqual(['colo-shop-k3j9x2-wire-app-api', 'colo-shop-k3j9x2-wire-app-proxy']);
    expect(byName(d.containers, 'colo-shop-k3j9x2-app-1').create.Env).toEqual(
      expect.arrayContaining(['PROXY_HOST=proxy', 'PROXY_PORT=3128', 'HTTP_PROXY=http://proxy:3128', 'https_proxy=http://proxy:3128']),
    );
    // Its other servers are reached directly, not through the gateway (which would refuse them).
    expect(byName(d.containers, 'colo-shop-k3j9x2-app-1').create.Env).toEqual(expect.arrayContaining(['NO_PROXY=localhost,127.0.0.1,api', 'no_proxy=localhost,127.0.0.1,api']));
    expect(shop().containers.some((c) => c.create.Env?.some((e) => e.startsWith('NO_PROXY=')))).toBe(false);
    // Nothing else joins a network that is not internal.
    expect(shop().containers.flatMap((c) => c.networks).some((n) => n.network.includes('-egress-'))).toBe(false);
  });

  it('publishes on the configured host and has no listener or edge bridge when nothing is exposed', () => {
    const other = desiredState({ ...base, config: { instance: 'test', publishHost: '127.0.0.2' }, manifest: shopManifest() });
    expect(other.listeners[0].create.HostConfig?.PortBindings?.['10080/tcp']).toEqual([{ HostIp: '127.0.0.2', HostPort: '18080' }]);
    const manifest = shopManifest();
    manifest.appliances[0].expose = [];
    const none = desiredState({ ...base, manifest });
    expect(none.listeners).toEqual([]);
    expect(none.networks.filter((n) => n.role !== 'wire')).toEqual([]);
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

  it('refuses two wires whose Docker network names would be the same, naming both', () => {
    const hyphenated = { ...svcClass, terminals: { ...svcClass.terminals, outputs: ['db-main', 'main'].map((name) => ({ name, protocol: 'http' as const, mandatory: false, readOnly: false })) } };
    const manifest = {
      name: 'clash',
      appliances: [appliance('web', hyphenated), appliance('web-db', hyphenated), appliance('srv', svcClass)],
      connections: [wire('web.db-main', 'srv.in'), wire('web-db.main', 'srv.in')],
    };
    let message = '';
    try {
      desiredState({ ...base, manifest });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/would share the Docker network colo-shop-k3j9x2-wire-web-db-main; rename/);
    expect(message).toContain('wire web.db-main → srv.in');
    expect(message).toContain('wire web-db.main → srv.in');
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
