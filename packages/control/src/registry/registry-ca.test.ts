// The registry's certificates at rest: made once and kept (same PEMs on every call, from any
// process), private keys sealed in the row, leaves reissued under the same CA when the manager's
// address changes, everything new when the CA nears its end; and what ensureSwarmRegistry hands
// the engine.
import { X509Certificate } from 'node:crypto';
import type { EnsureRegistryOptions, SwarmRegistry } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlTest, setupControlTest } from '../testing';
import { registryCaCertificate, registryCertificates } from './registry-ca';
import { ensureSwarmRegistry, setSwarmRegistry } from './swarm-registry';

let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('registry-ca');
});
afterAll(async () => {
  setSwarmRegistry(undefined);
  await t?.teardown();
});

const DAY = 86_400_000;

describe("the registry's certificates", () => {
  it('are made on first use and kept: the same set on every later call, even concurrent ones', async () => {
    expect(await registryCaCertificate()).toBeNull();
    const [a, b] = await Promise.all([registryCertificates(['10.214.0.2']), registryCertificates(['10.214.0.2'])]);
    expect(b).toEqual(a);
    expect(await registryCertificates(['10.214.0.2'])).toEqual(a);
    expect(await registryCaCertificate()).toBe(a.ca.cert);
    expect(new X509Certificate(a.server.cert).checkIP('10.214.0.2')).toBe('10.214.0.2');
    expect(await getPrisma().registryCa.count()).toBe(1);
  });

  it('keep the private keys sealed in the database', async () => {
    const certs = await registryCertificates(['10.214.0.2']);
    const row = await getPrisma().registryCa.findUniqueOrThrow({ where: { id: 'registry' } });
    expect(JSON.stringify(row)).not.toContain('PRIVATE KEY');
    for (const key of [certs.ca.key, certs.server.key, certs.client.key]) {
      expect(key).toContain('PRIVATE KEY');
      expect(JSON.stringify(row)).not.toContain(key.split('\n')[1]);
    }
    expect(row.hosts).toEqual(['10.214.0.2']);
  });

  it("reissue the leaves under the same CA when the manager's address changes", async () => {
    const before = await registryCertificates(['10.214.0.2']);
    const moved = await registryCertificates(['10.214.0.9']);
    expect(moved.ca).toEqual(before.ca);
    expect(moved.server.cert).not.toBe(before.server.cert);
    const server = new X509Certificate(moved.server.cert);
    expect(server.checkIP('10.214.0.9')).toBe('10.214.0.9');
    expect(server.checkIP('10.214.0.2')).toBeUndefined();
    expect(server.verify(new X509Certificate(moved.ca.cert).publicKey)).toBe(true);
    expect(await registryCertificates(['10.214.0.9'])).toEqual(moved);
  });

  it('are all new when the CA nears its end', async () => {
    const before = await registryCertificates(['10.214.0.9']);
    const later = new Date(Date.now() + 3640 * DAY);
    const renewed = await registryCertificates(['10.214.0.9'], later);
    expect(renewed.ca.cert).not.toBe(before.ca.cert);
    expect(Date.parse(new X509Certificate(renewed.ca.cert).validTo)).toBeGreaterThan(later.getTime() + 3000 * DAY);
  });

  it("ensureSwarmRegistry hands the engine the stored certificates, the instance, namespace and port, and waits until it answers", async () => {
    const calls: Omit<EnsureRegistryOptions, 'docker'>[] = [];
    const waits: { instance: string; everyNode?: boolean }[] = [];
    const fake: SwarmRegistry = {
      ensure: async (options) => {
        calls.push(options);
        return { changed: [], nodeId: 'node1', port: options.port ?? 0 };
      },
      push: async () => ({ reference: '', digest: '' }),
      serviceImage: async (ref) => ref,
      remove: async () => undefined,
      status: async () => ({ relays: [], nodesWithoutRelay: [], answers: true }),
      waitReady: async (instance, options) => {
        waits.push({ instance, everyNode: options?.everyNode });
        return { relays: [], nodesWithoutRelay: ['node3'], answers: true };
      },
    };
    setSwarmRegistry(fake);
    const state = await ensureSwarmRegistry('10.214.0.9');
    expect(state.port).toBe(5443);
    // Waited for before a push can follow; the manager's relay is enough for that.
    expect(waits).toEqual([{ instance: t.instance, everyNode: false }]);
    expect(state.status.nodesWithoutRelay).toEqual(['node3']);
    expect(calls[0]).toMatchObject({ instance: t.instance, imageNamespace: 'colo', address: '10.214.0.9', port: 5443 });
    expect(calls[0]?.certificates).toEqual(await registryCertificates(['10.214.0.9']));
  });
});
