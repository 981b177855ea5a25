// The registry's two service specs, as Swarm will get them: what keeps the registry's data on
// one node, the plain side of the relay on 127.0.0.1 of each node, the keys readable by the
// image's own user only, and `colo.spec` moving exactly when something that matters does.
import { describe, expect, it } from 'vitest';
import { type RegistrySpecInput, registryImages, registryServiceSpec, relayServiceSpec } from './registry-services';

const input: RegistrySpecInput = {
  instance: 'prod',
  nodeId: 'node-1',
  address: '10.214.0.2',
  port: 5443,
  registryImage: 'colo/registry:1',
  relayImage: 'colo/registry-relay:1',
  imageIds: { registry: 'sha256:aaa', relay: 'sha256:bbb' },
  hostNetworkId: 'hostnet',
  secrets: {
    registry: [
      { id: 's1', name: 'colo-prod-registry-ca-1', file: 'registry-ca.pem' },
      { id: 's2', name: 'colo-prod-registry-cert-1', file: 'registry-cert.pem' },
      { id: 's3', name: 'colo-prod-registry-key-1', file: 'registry-key.pem' },
    ],
    relay: [
      { id: 's1', name: 'colo-prod-registry-ca-1', file: 'registry-ca.pem' },
      { id: 's4', name: 'colo-prod-registry-relay-cert-1', file: 'relay-cert.pem' },
      { id: 's5', name: 'colo-prod-registry-relay-key-1', file: 'relay-key.pem' },
    ],
  },
};
// biome-ignore lint/suspicious/noExplicitAny: reading a Swarm spec's nested fields in a test
const spec = (s: unknown) => s as any;

describe('the registry service', () => {
  const registry = spec(registryServiceSpec(input));

  it('runs once, pinned to its node, its storage a named volume there, published in host mode', () => {
    expect(registry.Name).toBe('colo-prod-registry');
    expect(registry.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(registry.TaskTemplate.Placement.Constraints).toEqual(['node.id==node-1']);
    expect(registry.Labels['colo.registry-node']).toBe('node-1');
    expect(registry.TaskTemplate.ContainerSpec.Mounts[0]).toMatchObject({ Type: 'volume', Source: 'colo-prod-registry-data', Target: '/var/lib/colo-registry' });
    expect(registry.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 5443, PublishedPort: 5443, PublishMode: 'host' }] });
    // Never two registries writing one storage: the old task stops before the new one starts.
    expect(registry.UpdateConfig.Order).toBe('stop-first');
  });

  it('gets its certificate and key as secrets only its own uid reads, with no capability on a read-only root', () => {
    const c = registry.TaskTemplate.ContainerSpec;
    expect(c.Secrets.map((s: { File: unknown }) => s.File)).toEqual([
      { Name: 'registry-ca.pem', UID: '5443', GID: '5443', Mode: 0o400 },
      { Name: 'registry-cert.pem', UID: '5443', GID: '5443', Mode: 0o400 },
      { Name: 'registry-key.pem', UID: '5443', GID: '5443', Mode: 0o400 },
    ]);
    expect(c.Env).toBeUndefined();
    expect(c.ReadOnly).toBe(true);
    expect(c.CapabilityDrop).toEqual(['ALL']);
    expect(c.Labels).toMatchObject({ 'colo.managed': 'true', 'colo.instance': 'prod', 'colo.role': 'registry', 'colo.spec': registry.Labels['colo.spec'] });
  });
});

describe('the relay service', () => {
  const relay = spec(relayServiceSpec(input));

  it("runs on every node's host network, dialling the registry's address and port", () => {
    expect(relay.Name).toBe('colo-prod-registry-relay');
    expect(relay.Mode).toEqual({ Global: {} });
    expect(relay.TaskTemplate.Networks).toEqual([{ Target: 'hostnet' }]);
    expect(relay.TaskTemplate.ContainerSpec.Args).toEqual(['10.214.0.2', '5443']);
    expect(relay.EndpointSpec).toBeUndefined();
    expect(relay.TaskTemplate.ContainerSpec.Secrets.map((s: { File: { Name: string; UID: string } }) => [s.File.Name, s.File.UID])).toEqual([
      ['registry-ca.pem', '5000'],
      ['relay-cert.pem', '5000'],
      ['relay-key.pem', '5000'],
    ]);
    expect(relay.UpdateConfig.Order).toBe('stop-first');
  });
});

describe('colo.spec', () => {
  const hash = (i: RegistrySpecInput) => [registryServiceSpec(i).Labels['colo.spec'], relayServiceSpec(i).Labels['colo.spec']];

  it('is the same for the same input, and moves with a rebuilt image, new certificates, another port or address', () => {
    const base = hash(input);
    expect(hash({ ...input })).toEqual(base);
    const registryRebuilt = hash({ ...input, imageIds: { ...input.imageIds, registry: 'sha256:ccc' } });
    expect(registryRebuilt[0]).not.toBe(base[0]);
    expect(registryRebuilt[1]).toBe(base[1]);
    const renewed = hash({ ...input, secrets: { ...input.secrets, relay: [{ id: 's9', name: 'colo-prod-registry-relay-cert-2', file: 'relay-cert.pem' }] } });
    expect(renewed[1]).not.toBe(base[1]);
    expect(hash({ ...input, port: 6000 }).every((h, i) => h !== base[i])).toBe(true);
    expect(hash({ ...input, address: '10.214.0.3' })[1]).not.toBe(base[1]);
  });

  it('names the system images under the namespace', () => {
    expect(registryImages()).toEqual({ registry: 'colo/registry:1', relay: 'colo/registry-relay:1' });
    expect(registryImages('acme/colo')).toEqual({ registry: 'acme/colo/registry:1', relay: 'acme/colo/registry-relay:1' });
  });
});
