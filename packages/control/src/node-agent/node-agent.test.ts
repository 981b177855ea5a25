// The node agent from control: its certificates at rest (made once under the registry's CA, keys
// sealed, reissued when that CA is), and what ensureColoNodeAgent hands the engine (the registry
// first, the agent's image by the registry's reference, the stored certificates, the port), then
// nodeRuntime and the shares' NodeAccess through the agents with Colo's client certificate.
import { X509Certificate } from 'node:crypto';
import type { AgentClientPems, ClusterApi, EnsureNodeAgentOptions, NodeAgentEngine, NodeAgents, Runtime, SwarmRegistry } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCluster } from '../nodes/cluster-access';
import { registryCertificates } from '../registry/registry-ca';
import { setSwarmRegistry } from '../registry/swarm-registry';
import { type ControlTest, setupControlTest } from '../testing';
import { nodeAgentCertificates, storedNodeAgentCertificates } from './agent-certificates';
import { agentNodeAccess, ensureColoNodeAgent, nodeRuntime, setNodeAgentEngine } from './node-agent';

let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('node-agent');
});
afterAll(async () => {
  setSwarmRegistry(undefined);
  setNodeAgentEngine(undefined);
  setCluster(undefined);
  await t?.teardown();
});

const DAY = 86_400_000;
const ADDRESS = '10.214.0.2';

describe("the node agent's certificates", () => {
  it('are refused before the first ensure', async () => {
    await expect(storedNodeAgentCertificates()).rejects.toMatchObject({ code: 'bad_request' });
  });

  it("are made under the registry's CA on first use and kept, keys sealed", async () => {
    const [a, b] = await Promise.all([nodeAgentCertificates(ADDRESS), nodeAgentCertificates(ADDRESS)]);
    expect(b).toEqual(a);
    expect(await nodeAgentCertificates(ADDRESS)).toEqual(a);
    expect(await storedNodeAgentCertificates()).toEqual(a);
    const { ca } = await registryCertificates([ADDRESS]);
    expect(a.caCert).toBe(ca.cert);
    expect(new X509Certificate(a.server.cert).verify(new X509Certificate(ca.cert).publicKey)).toBe(true);
    const row = await getPrisma().registryCa.findUniqueOrThrow({ where: { id: 'node-agent' } });
    for (const key of [a.server.key, a.client.key]) {
      expect(key).toContain('PRIVATE KEY');
      expect(JSON.stringify(row)).not.toContain(key.split('\n')[1]);
    }
    // The registry's own row is untouched by the agent's.
    expect((await getPrisma().registryCa.findUniqueOrThrow({ where: { id: 'registry' } })).caCert).toBe(ca.cert);
  });

  it('are reissued when the CA is', async () => {
    const before = await nodeAgentCertificates(ADDRESS);
    const later = new Date(Date.now() + 3640 * DAY);
    const renewed = await nodeAgentCertificates(ADDRESS, later);
    expect(renewed.caCert).not.toBe(before.caCert);
    expect(renewed.caCert).toBe((await registryCertificates([ADDRESS], later)).ca.cert);
    expect(renewed.client.cert).not.toBe(before.client.cert);
  });
});

describe('ensureColoNodeAgent', () => {
  const ensured: Omit<EnsureNodeAgentOptions, 'docker'>[] = [];
  const pemsSeen: AgentClientPems[] = [];
  const registryCalls: string[] = [];
  const runtime = { marker: 'node-2 runtime' } as unknown as Runtime;
  const agents = {
    waitReady: async () => [
      { id: 'node-1', hostname: 'n1', address: ADDRESS, ready: true, availability: 'active' },
      { id: 'node-2', hostname: 'n2', address: '10.214.0.3', ready: true, availability: 'active' },
    ],
    runtime: async (id: string) => (id === 'node-2' ? runtime : undefined),
    access: { nodes: async () => [{ id: 'node-2', hostname: 'n2', address: '10.214.0.3' }], containers: () => ({}) },
  } as unknown as NodeAgents;

  beforeAll(() => {
    setCluster({ status: async () => ({ mode: 'manager', localState: 'active', managerAddress: `${ADDRESS}:2377` }) } as unknown as ClusterApi);
    setSwarmRegistry({
      ensure: async (options: { address: string }) => {
        registryCalls.push(`ensure ${options.address}`);
        return { changed: [], nodeId: 'node1', port: 5443 };
      },
      serviceImage: async (ref: string) => {
        registryCalls.push(`image ${ref}`);
        return `127.0.0.1:5000/${ref}@sha256:abc`;
      },
      push: async () => ({ reference: '', digest: '' }),
      remove: async () => undefined,
      status: async () => ({ relays: [], nodesWithoutRelay: [], answers: true }),
      waitReady: async () => ({ relays: [], nodesWithoutRelay: [], answers: true }),
    } as unknown as SwarmRegistry);
    setNodeAgentEngine(fakeEngine());
  });

  function fakeEngine(failures = { left: 0 }): NodeAgentEngine {
    return {
      ensure: async (options) => {
        if (failures.left-- > 0) throw new Error('the manager did not answer');
        ensured.push(options);
        return { changed: ['agent service'], service: 'colo-x-node-agent', port: options.port ?? 0 };
      },
      remove: async () => undefined,
      agents: (pems) => {
        pemsSeen.push(pems);
        return agents;
      },
    } as NodeAgentEngine;
  }

  it('ensures the registry, then the agent by its pushed image with the stored certificates, and waits for every node', async () => {
    const result = await ensureColoNodeAgent();
    expect(registryCalls).toEqual([`ensure ${ADDRESS}`, 'image colo/node-agent:1']);
    expect(ensured[0]).toMatchObject({ instance: t.instance, image: '127.0.0.1:5000/colo/node-agent:1@sha256:abc', port: 2378 });
    const stored = await storedNodeAgentCertificates();
    expect(ensured[0]?.certificates).toEqual(stored);
    expect(pemsSeen[0]).toEqual({ ca: stored.caCert, cert: stored.client.cert, key: stored.client.key });
    expect(result.nodes.map((n) => n.hostname)).toEqual(['n1', 'n2']);
    expect(result.changed).toEqual(['agent service']);
  });

  it("hands other control code a node's runtime and the shares' NodeAccess through the same agents", async () => {
    expect(await nodeRuntime('node-2')).toBe(runtime);
    expect((await agentNodeAccess().nodes()).map((n) => n.id)).toEqual(['node-2']);
    // One NodeAgents per client certificate: no new one per call.
    expect(pemsSeen).toHaveLength(1);
  });

  it('is ensured once by the first use in a process (concurrent uses share it), and again after a failure', async () => {
    const failures = { left: 1 };
    setNodeAgentEngine(fakeEngine(failures));
    const before = ensured.length;
    await expect(nodeRuntime('node-2')).rejects.toThrow('the manager did not answer');
    const [a, b] = await Promise.all([nodeRuntime('node-2'), nodeRuntime('node-2')]);
    expect(a).toBe(runtime);
    expect(b).toBe(runtime);
    await nodeRuntime('node-2');
    expect(ensured.length - before).toBe(1);
  });
});
