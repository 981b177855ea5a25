// Colo's registry on a 3-node test swarm: images pushed from the manager reach every node
// through each node's 127.0.0.1:5000 relay; the registry speaks TLS only and only to clients with
// a certificate from Colo's CA; a second ensure is a no-op; its data outlives a service update.
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import {
  createRegistryCertificates,
  distributeBySaveLoad,
  ensureRegistry,
  issueLeaves,
  pushImage,
  pushedReference,
  type RegistryCertificates,
  registryServiceName,
  registryStatus,
  relayServiceName,
  waitForRegistry,
} from '@colo/engine';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSwarm, type SwarmNode, type TestSwarm } from '../support/swarm';

const ECHO = 'colo-test/echo:2';
const INSTANCE = 'regtest';
const PORT = 5443;
const host = new Dockerode();
let swarm: TestSwarm;
let certs: RegistryCertificates;
let images: { registry: string; relay: string };
let pushed: string;

beforeAll(async () => {
  const { system } = await loadCatalog(templatesRoot(process.env));
  const settings = classBuildSettings(process.env);
  const built = [];
  for (const id of ['registry', 'registry-relay']) {
    const source = system.find((s) => s.class.id === id);
    if (!source) throw new Error(`templates/system/${id} is missing`);
    built.push((await ensureClassImage(host, source, settings)).image);
  }
  images = { registry: built[0] as string, relay: built[1] as string };
  swarm = await startTestSwarm({ nodes: 3 });
  // The relay must be on a node before it can pull anything; the registry and the test
  // image on the manager only (the workers get the latter through the registry).
    // (The third node gets it in the first test, after the registry has said it cannot pull.)
  await distributeBySaveLoad(host, [swarm.nodes[0], swarm.nodes[1]].map((n) => (n as SwarmNode).docker), images.relay);
  await distributeBySaveLoad(host, [swarm.manager.docker], images.registry);
  await distributeBySaveLoad(host, [swarm.manager.docker], ECHO);
  certs = createRegistryCertificates([swarm.manager.ip]);
});
afterAll(async () => {
  await swarm?.stop();
});

const ensure = (labels?: Record<string, string>, certificates = certs) =>
  ensureRegistry({
    docker: swarm.manager.docker,
    instance: INSTANCE,
    address: swarm.manager.ip,
    port: PORT,
    certificates,
    registryImage: images.registry,
    relayImage: images.relay,
    labels,
  });

interface Task {
  ID: string;
  NodeID: string;
  Status: { State: string; Err?: string };
}

async function runningTasks(docker: Dockerode, service: string, count: number, timeoutMs = 90_000): Promise<Task[]> {
  let tasks: Task[] = [];
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    tasks = (await docker.listTasks({ filters: { service: [service], 'desired-state': ['running'] } })) as Task[];
    const running = tasks.filter((t) => t.Status.State === 'running');
    if (running.length === count) return running;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service}: ${count} running tasks expected, found ${JSON.stringify(tasks.map((t) => t.Status))}`);
}

/** Until the registry answers through a relay (its task may run a moment before it listens). */
async function catalog(options: { cert?: boolean; ca?: string; pair?: { cert: string; key: string } } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const pair = options.pair ?? (options.cert === false ? undefined : certs.client);
    const req = httpsRequest(
      { host: swarm.manager.ip, port: PORT, path: '/v2/_catalog', ca: options.ca ?? certs.ca.cert, cert: pair?.cert, key: pair?.key, servername: undefined, timeout: 10_000 },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function until<T>(fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; ; ) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function pull(node: SwarmNode, ref: string): Promise<void> {
  const stream = await node.docker.pull(ref, { authconfig: {} });
  await new Promise<void>((resolve, reject) =>
    node.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`${node.hostname} pulling ${ref}: ${failed}`));
      else resolve();
    }),
  );
}

async function run(node: SwarmNode, image: string, cmd: string[]): Promise<string> {
  const container = await node.docker.createContainer({ Image: image, Entrypoint: cmd, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString();
  } finally {
    await container.remove({ force: true });
  }
}

describe("Colo's registry on a swarm", () => {
  it('runs pinned to the manager, with a relay on every node; a node without the relay image is named', async () => {
    const state = await ensure();
    expect(state.changed).toEqual(['secrets', 'registry service', 'relay service']);
    expect(state.nodeId).toBe(swarm.manager.nodeId);
    const third = swarm.nodes[2] as SwarmNode;
    const refused = await waitForRegistry(swarm.manager.docker, INSTANCE, { timeoutMs: 20_000 }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toContain(`node ${third.nodeId}: relay`);
    // The node is still trying to find the image elsewhere (`assigned`, `preparing`) or has given up (`rejected`, with Swarm's reason).
    expect((refused as Error).message).toMatch(new RegExp(`node ${third.nodeId}: relay (?!running)`));
    const status0 = await registryStatus(swarm.manager.docker, INSTANCE);
    expect(status0.nodesWithoutRelay).toEqual([third.nodeId]);
    expect(status0.registry?.state).toBe('running');
    await distributeBySaveLoad(host, [third.docker], images.relay);
    const status = await waitForRegistry(swarm.manager.docker, INSTANCE, { timeoutMs: 90_000 });
    expect(status).toMatchObject({ answers: true, nodesWithoutRelay: [], registry: { nodeId: swarm.manager.nodeId, state: 'running' } });
    expect(status.relays.filter((r) => r.state === 'running').map((r) => r.nodeId).sort()).toEqual(swarm.nodes.map((n) => n.nodeId).sort());
    const [registry] = await runningTasks(swarm.manager.docker, registryServiceName(INSTANCE), 1);
    expect(registry?.NodeID).toBe(swarm.manager.nodeId);
    expect(await catalog()).toEqual({ status: 200, body: expect.stringContaining('"repositories":[]') });
  });

  it('takes an image pushed from the manager; a worker pulls it from 127.0.0.1:5000 and runs it', async () => {
    const { reference, digest } = await pushImage(swarm.manager.docker, ECHO);
    expect(reference).toBe(`127.0.0.1:5000/colo-test/echo:2@${digest}`);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await pushedReference(swarm.manager.docker, ECHO)).toBe(reference);
    expect(JSON.parse((await catalog()).body).repositories).toEqual(['colo-test/echo']);
    pushed = reference;
    const worker = swarm.nodes[1] as SwarmNode;
    await expect(worker.docker.getImage(ECHO).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await pull(worker, reference);
    expect(await run(worker, reference, ['sh', '-c', 'echo ran on $(hostname -s) from the registry'])).toContain('ran on');
    // A service by the pinned reference: every node pulls it itself.
    await swarm.manager.docker.createService({
      Name: 'registry-probe',
      TaskTemplate: { ContainerSpec: { Image: reference, Command: ['sleep', '300'] }, Placement: { MaxReplicas: 1 } },
      Mode: { Replicated: { Replicas: 3 } },
    });
    const tasks = await runningTasks(swarm.manager.docker, 'registry-probe', 3, 120_000);
    expect(new Set(tasks.map((t) => t.NodeID)).size).toBe(3);
    await swarm.manager.docker.getService('registry-probe').remove();
  });

  it('a second ensure changes nothing', async () => {
    const before = await versions();
    const again = await ensure();
    expect(again.changed).toEqual([]);
    expect(await versions()).toEqual(before);
  });

  it('refuses plain HTTP, a TLS client without a certificate and one with a certificate from another CA', async () => {
    const plain = await fetch(`http://${swarm.manager.ip}:${PORT}/v2/_catalog`).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: Error) => ({ status: 0, body: e.message }),
    );
    expect(plain.status).not.toBe(200);
    expect(plain.body).not.toContain('repositories');
    await expect(catalog({ cert: false })).rejects.toThrow(/certificate|socket hang up|ECONNRESET/i);
    const stranger = createRegistryCertificates([swarm.manager.ip]);
    await expect(catalog({ pair: stranger.client })).rejects.toThrow(/certificate|socket hang up|ECONNRESET|unknown ca/i);
    // The registry's own certificate does not pass for another CA's either.
    await expect(catalog({ ca: stranger.ca.cert })).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    // The relays' plain side is on 127.0.0.1 of each node only.
    for (const node of swarm.nodes) expect(await reachable(node.ip, 5000)).toBe(false);
    // The same client with Colo's certificate is let in: the refusals above were the checks.
    expect((await catalog()).status).toBe(200);
  });

  it("keeps its data when the registry's service is updated", async () => {
    const [old] = await runningTasks(swarm.manager.docker, registryServiceName(INSTANCE), 1);
    const updated = await ensure({ 'colo.test-generation': '2' });
    expect(updated.changed).toEqual(['registry service', 'relay service']);
    let fresh: Task | undefined;
    for (const end = Date.now() + 90_000; Date.now() < end && !fresh; await new Promise((r) => setTimeout(r, 500))) {
      const [task] = await runningTasks(swarm.manager.docker, registryServiceName(INSTANCE), 1);
      if (task && task.ID !== old?.ID) fresh = task;
    }
    expect(fresh).toBeDefined();
    await runningTasks(swarm.manager.docker, relayServiceName(INSTANCE), 3);
    const third = swarm.nodes[2] as SwarmNode;
    await third.docker.getImage(pushed).remove({ force: true }).catch(() => undefined);
    await until(() => pull(third, pushed), 60_000);
    expect(JSON.parse((await catalog()).body).repositories).toEqual(['colo-test/echo']);
  });

  it('pushes a class version committed on the manager the same way, under its own tag and digest', async () => {
    const manager = swarm.manager;
    const container = await manager.docker.createContainer({ Image: ECHO, Entrypoint: ['sh', '-c', 'echo version-3 > /colo-version'], User: 'root' });
    await container.start();
    await container.wait();
    await container.commit({ repo: 'colo-test/echo', tag: '3' });
    await container.remove();
    expect(await pushedReference(manager.docker, 'colo-test/echo:3')).toBeUndefined();
    const v3 = await pushImage(manager.docker, 'colo-test/echo:3');
    expect(v3.reference).toMatch(/^127\.0\.0\.1:5000\/colo-test\/echo:3@sha256:[0-9a-f]{64}$/);
    expect(v3.reference).not.toBe(pushed);
    expect(await pushedReference(manager.docker, ECHO)).toBe(pushed);
    const worker = swarm.nodes[1] as SwarmNode;
    await pull(worker, v3.reference);
    expect(await run(worker, v3.reference, ['cat', '/colo-version'])).toContain('version-3');
  });

  it("the relays refuse a registry whose certificate does not name the manager's address", async () => {
    const wrong = { ca: certs.ca, ...issueLeaves(certs.ca, ['10.9.9.9']) };
    const relayVersion = (await versions())[1];
    expect((await ensure(undefined, wrong)).changed).toEqual(['secrets', 'registry service', 'relay service']);
    await until(async () => {
      if ((await versions())[1] === relayVersion) throw new Error('relay not updated yet');
    });
    await runningTasks(swarm.manager.docker, relayServiceName(INSTANCE), 3);
    await runningTasks(swarm.manager.docker, registryServiceName(INSTANCE), 1);
    // The registry itself answers (with the wrong name): only the relays' check stands between.
    await until(() => catalog({ ca: certs.ca.cert }).catch((e: Error) => (/IP: 10\.9\.9\.9|altnames/i.test(e.message) ? { status: -1, body: '' } : Promise.reject(e))));
    const worker = swarm.nodes[2] as SwarmNode;
    await worker.docker.getImage(pushed).remove({ force: true }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 3000));
    await expect(pull(worker, pushed)).rejects.toThrow();
    // …refused by the relay's own check, as it says in its log.
    const logs = (await swarm.manager.docker.getService(relayServiceName(INSTANCE)).logs({ stdout: true, stderr: true, tail: 200 } as object)) as unknown as Buffer;
    expect(logs.toString()).toMatch(/certificate is valid but its commonName does not match hostname/);
    // Back to the right certificate: the same pull works, so the refusal was the name check.
    await ensure();
    await until(() => pull(worker, pushed), 90_000);
  });
});

async function versions(): Promise<number[]> {
  return Promise.all(
    [registryServiceName(INSTANCE), relayServiceName(INSTANCE)].map(async (name) => ((await swarm.manager.docker.getService(name).inspect()) as { Version: { Index: number } }).Version.Index),
  );
}

function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 3000 });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
