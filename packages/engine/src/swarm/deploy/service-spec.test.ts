import { describe, expect, it } from 'vitest';
import { appliance, dbClass, shopManifest, shopSecrets, webClass, wire } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import type { DesiredContainer } from '../../desired/types';
import { desiredSwarm, swarmImages } from './desired-swarm';
import { publishedPorts, SLOT, serviceSpec, tmpfsMount } from './service-spec';
import { SWARM_CANNOT_EXPRESS } from './swarm-limits';
import type { ActualSwarm } from './swarm-types';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const nodes = ['n1', 'n2', 'n3'].map((h, i) => ({ id: `node${i + 1}`, hostname: h, role: i === 0 ? 'manager' : 'worker', schedulable: true, state: 'ready', availability: 'active', addr: `10.0.0.${i + 1}` }) as const);
const empty: ActualSwarm = { services: [], networks: [], nodes: [...nodes], coloTasksPerNode: new Map(), managerNodeId: 'node1' };

function shop() {
  return desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: shopManifest(), config: { instance: 'test' } });
}
const service = (name: string) => {
  const s = desiredSwarm(shop(), empty).services.find((x) => x.appliance === name && x.kind === 'appliance');
  if (!s) throw new Error(`no service for ${name}`);
  return s;
};

describe('serviceSpec: a service from the replicas\' create bodies', () => {
  it('keeps image, env, user, limits, health and hardening, with the replica as the task slot', () => {
    const web = service('web');
    const c = web.spec.TaskTemplate.ContainerSpec;
    const body = shop().containers.find((x) => x.name === 'colo-shop-k3j9x2-web-1')!.create;
    expect(web.name).toBe('colo-shop-k3j9x2-web');
    expect(web.spec.Mode.Replicated.Replicas).toBe(3);
    expect(c.Image).toBe('colo-test/echo:2');
    expect(c.Hostname).toBe(`web-${SLOT}`);
    expect(c.Env).toContain(`COLO_REPLICA=${SLOT}`);
    expect(c.Env).toContain('GREETING=hello');
    expect(c.Env.filter((e) => !e.startsWith('COLO_REPLICA='))).toEqual(body.Env?.filter((e) => !e.startsWith('COLO_REPLICA=')));
    expect(c.ReadOnly).toBe(true);
    expect(c.CapabilityDrop).toEqual(['ALL']);
    expect(c.Sysctls).toEqual(body.HostConfig?.Sysctls);
    expect(c.Mounts.filter((m) => m.Type === 'tmpfs')).toEqual([
      { Type: 'tmpfs', Target: '/run', TmpfsOptions: { SizeBytes: 16 * 1024 ** 2 } },
      { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 64 * 1024 ** 2 } },
    ]);
    expect(c.HealthCheck).toEqual(body.Healthcheck);
    expect(c.StopGracePeriod).toBe(10e9);
    expect(web.spec.TaskTemplate.Resources.Limits).toEqual({ NanoCPUs: 0.2e9, MemoryBytes: 48 * 1024 ** 2, Pids: 1024 });
    expect(web.spec.TaskTemplate.RestartPolicy.Condition).toBe('any');
    expect(web.spec.TaskTemplate.LogDriver).toEqual({ Name: 'json-file', Options: { 'max-size': '10m', 'max-file': '3' } });
    expect(web.spec.EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(web.spec.UpdateConfig.Order).toBe('stop-first'); // it mounts the content share
  });

  it('labels the service and its containers as the VDC\'s, without the replica', () => {
    const web = service('web');
    for (const labels of [web.spec.Labels, web.spec.TaskTemplate.ContainerSpec.Labels]) {
      expect(labels).toMatchObject({ 'colo.managed': 'true', 'colo.instance': 'test', 'colo.vdc': vdc.id, 'colo.appliance': 'web', 'colo.spec': web.specHash });
      expect(labels['colo.replica']).toBeUndefined();
    }
    expect(web.spec.Labels['colo.replicas']).toBe('3');
  });

  it('attaches each service to its networks with its aliases', () => {
    const web = service('web');
    expect(web.spec.TaskTemplate.Networks).toEqual([
      { Target: 'colo-shop-k3j9x2-wire-lb-out', Aliases: ['out'] },
      { Target: 'colo-shop-k3j9x2-wire-web-db', Aliases: [] },
    ]);
  });

  it('names a volume per task slot where the single-host names carry the replica', () => {
    const d = shop();
    const replicas = d.containers.filter((c) => c.appliance === 'web').map((c) => withVolume(c, `colo-x-web-cache-${c.replica}`));
    const s = serviceSpec({ name: 'colo-x-web', appliance: 'web', containers: replicas, replicas: 3, placement: { reason: '' }, volumeLabels: new Map(), hostname: `web-${SLOT}` });
    expect(s.spec.TaskTemplate.ContainerSpec.Mounts.find((m) => m.Target === '/cache')?.Source).toBe(`colo-x-web-cache-${SLOT}`);
  });

  it('refuses replicas that differ in anything but their slot, naming what differs', () => {
    const [a, b] = shop().containers.filter((c) => c.appliance === 'web');
    const odd = { ...b!, create: { ...b!.create, User: 'nobody' } };
    expect(() => serviceSpec({ name: 'colo-x-web', appliance: 'web', containers: [a!, odd], replicas: 2, placement: { reason: '' }, volumeLabels: new Map(), hostname: `web-${SLOT}` })).toThrow(/replica 2 differs from replica 1 in User/);
  });

  it('refuses a create field it cannot translate instead of dropping it', () => {
    const [a] = shop().containers.filter((c) => c.appliance === 'web');
    const odd = { ...a!, create: { ...a!.create, HostConfig: { ...a!.create.HostConfig, Devices: [{ PathOnHost: '/dev/kvm', PathInContainer: '/dev/kvm', CgroupPermissions: 'rwm' }] } } };
    expect(() => serviceSpec({ name: 'colo-x-web', appliance: 'web', containers: [odd], replicas: 1, placement: { reason: '' }, volumeLabels: new Map(), hostname: `web-${SLOT}` })).toThrow(/HostConfig.Devices has no Swarm translation/);
    const opt = { ...a!, create: { ...a!.create, HostConfig: { ...a!.create.HostConfig, SecurityOpt: ['seccomp=unconfined'] } } };
    expect(() => serviceSpec({ name: 'colo-x-web', appliance: 'web', containers: [opt], replicas: 1, placement: { reason: '' }, volumeLabels: new Map(), hostname: `web-${SLOT}` })).toThrow(/seccomp=unconfined/);
  });

  it('lists what Swarm cannot express in the plan\'s notes', () => {
    const notes = desiredSwarm(shop(), empty).notes;
    expect(notes.some((n) => /no-new-privileges/.test(n))).toBe(true);
    expect(Object.keys(SWARM_CANNOT_EXPRESS)).toContain('SecurityOpt:no-new-privileges');
  });

  it('publishes the edge listener in host mode on its node, pointed at the ingress alias', () => {
    const listener = desiredSwarm(shop(), empty).services.find((s) => s.kind === 'listener')!;
    expect(listener.name).toBe('colo-edge-test-18080');
    expect(listener.spec.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 10080, PublishedPort: 18080, PublishMode: 'host' }] });
    expect(listener.spec.TaskTemplate.Placement.Constraints).toEqual(['node.id==node1']);
    expect(listener.spec.TaskTemplate.ContainerSpec.Env).toContain('EDGE_TARGET_HOST=lb-in-shop-k3j9x2');
    expect(listener.spec.TaskTemplate.ContainerSpec.User).toBe('haproxy');
    expect(listener.spec.TaskTemplate.Networks.map((n) => n.Target)).toEqual(['colo-edge-test-18080-net', 'colo-shop-k3j9x2-ingress-lb-in']);
    expect(publishedPorts({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] })).toEqual([{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }]);
  });

  it('makes overlay networks: wires and ingress internal, the listener\'s own not', () => {
    const nets = desiredSwarm(shop(), empty).networks.map((n) => [n.name, n.spec.Driver, n.spec.Internal, n.spec.Attachable]);
    expect(nets).toContainEqual(['colo-shop-k3j9x2-wire-web-db', 'overlay', true, true]);
    expect(nets).toContainEqual(['colo-shop-k3j9x2-ingress-lb-in', 'overlay', true, true]);
    expect(nets).toContainEqual(['colo-edge-test-18080-net', 'overlay', false, true]);
  });

  it('starts a standby appliance at 0 replicas and remembers how many it runs once started', () => {
    const manifest = { name: 'shop', appliances: [appliance('web', webClass, { replicas: 2, standby: true }), appliance('db', dbClass)], connections: [wire('web.db', 'db.in')] };
    const d = desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest, config: { instance: 'test' } });
    const web = desiredSwarm(d, empty).services.find((s) => s.appliance === 'web')!;
    expect(web.spec.Mode.Replicated.Replicas).toBe(0);
    expect(web.spec.Labels['colo.replicas']).toBe('2');
  });

  it('the revision alone does not change the spec hash', () => {
    const a = desiredSwarm(shop(), empty).services;
    const b = desiredSwarm(desiredState({ vdc, revisionId: 'rev_2', secrets: shopSecrets, manifest: shopManifest(), config: { instance: 'test' } }), empty).services;
    expect(b.map((s) => s.specHash)).toEqual(a.map((s) => s.specHash));
  });

  it('runs the registry\'s pinned reference when given one, and a new digest updates the service', () => {
    const ref = 'registry.colo:5000/colo-test/echo@sha256:' + 'a'.repeat(64);
    expect(swarmImages(shop())).toEqual(['colo-test/echo:2', 'colo/edge-proxy:1']);
    const pinned = desiredSwarm(shop(), empty, { images: { 'colo-test/echo:2': ref } }).services.find((s) => s.appliance === 'db')!;
    expect(pinned.spec.TaskTemplate.ContainerSpec.Image).toBe(ref);
    expect(pinned.specHash).not.toBe(service('db').specHash);
  });

  it('reads tmpfs sizes', () => {
    expect(tmpfsMount('/x', 'rw,noexec,size=2g')).toEqual({ Type: 'tmpfs', Target: '/x', TmpfsOptions: { SizeBytes: 2 * 1024 ** 3 } });
  });
});

function withVolume(c: DesiredContainer, source: string): DesiredContainer {
  const host = c.create.HostConfig ?? {};
  return { ...c, create: { ...c.create, HostConfig: { ...host, Mounts: [...(host.Mounts ?? []), { Type: 'volume', Source: source, Target: '/cache', ReadOnly: false }] } } };
}
