// Colo's node agent on a 3-node test swarm: ensureNodeAgent runs it on every node (global, host
// network, mTLS, the node's Docker socket); through the agent of a WORKER node Colo lists its
// containers, runs an exec in a task there, reads and writes files and reads stats, and the
// engine answering is that worker's; a second ensure is a no-op; plain HTTP, TLS without a client
// certificate, a certificate of another CA, one of Colo's CA with another name, and the agents'
// own server certificate are all refused; the agents' NodeAccess drives ensureShare on the three
// nodes. Everything lives inside the test swarm's nodes: swarm.stop() removes it.
import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { checkServerIdentity } from 'node:tls';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { configureControl, ensureColoNodeAgent, locateContainer, nodeRuntime, setCluster, setNodeAgentEngine, setSwarmRegistry } from '@colo/control';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import {
  AGENT_CLIENT_NAME,
  AGENT_SERVER_NAME,
  agentClientPems,
  createDockerCluster,
  createNodeAgentEngine,
  createNodeAgents,
  createRegistryCa,
  createSwarmRegistry,
  distributeBySaveLoad,
  DEFAULT_AGENT_PORT,
  ensureNodeAgent,
  ensureShare,
  issueNodeAgentCertificates,
  issueRegistryCertificate,
  type NodeAgentCertificates,
  type NodeAgents,
  type PemPair,
  nodeAgentImage,
  nodeAgentServiceName,
  registryImages,
  removeNodeAgent,
  removeShare,
  type Share,
  shareKey,
  shareMounterName,
} from '@colo/engine';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwarmNode, startTestSwarm, type TestSwarm } from '../support/swarm';

const INSTANCE = 'agent-test';
const WORKLOAD = 'agent-test-workload';
let swarm: TestSwarm;
let manager: Dockerode;
let worker: SwarmNode;
let ca: PemPair;
let certs: NodeAgentCertificates;
let agents: NodeAgents;
let agentImage: string;
let shareImage: string;

let db: TestDatabase | undefined;

async function systemImage(id: string): Promise<string> {
  const { system } = await loadCatalog(templatesRoot(process.env));
  const source = system.find((s) => s.class.id === id);
  if (!source) throw new Error(`templates/system/${id} is missing`);
  const docker = new Dockerode();
  const { image } = await ensureClassImage(docker, source, classBuildSettings(process.env));
  return ((await docker.getImage(image).inspect()) as { Id: string }).Id;
}

beforeAll(async () => {
  // By id: a tag makes each node try a registry first.
  agentImage = await systemImage('node-agent');
  shareImage = await systemImage('share');
  await systemImage('registry');
  await systemImage('registry-relay');
  // The relay on every node (it is how a node pulls); the registry and the agent's tagged image on
  // the manager, for control's path (the agent's image pushed through Colo's registry).
  swarm = await startTestSwarm({ nodes: 3, images: [agentImage, shareImage, registryImages().relay] });
  manager = swarm.manager.docker;
  for (const ref of [registryImages().registry, nodeAgentImage()]) await distributeBySaveLoad(new Dockerode(), [manager], ref);
  worker = swarm.nodes[2] as SwarmNode;
  ca = createRegistryCa({ commonName: 'Colo test CA' });
  certs = issueNodeAgentCertificates(ca);
  // A workload with one task per node, to reach through the agents.
  await manager.createService({
    Name: WORKLOAD,
    Labels: { 'colo.test': 'agent' },
    TaskTemplate: {
      ContainerSpec: { Image: agentImage, Command: ['sleep', 'infinity'], Hostname: 'work-{{.Task.Slot}}', Labels: { 'colo.test': 'agent' } },
      Placement: { MaxReplicas: 1 },
    },
    Mode: { Replicated: { Replicas: 3 } },
  } as Dockerode.ServiceSpec);
  const first = await ensureNodeAgent({ docker: manager, instance: INSTANCE, image: agentImage, certificates: certs, labels: { 'colo.test': 'agent' } });
  expect(first.changed).toEqual(['secrets', 'agent service']);
  agents = createNodeAgents({ manager, pems: agentClientPems(certs) });
  expect((await agents.waitReady({ timeoutMs: 90_000 })).map((n) => n.id).sort()).toEqual(swarm.nodes.map((n) => n.nodeId).sort());
  // Until the workload runs on every node.
  for (const until = Date.now() + 60_000; ; ) {
    const tasks = (await manager.listTasks({ filters: { service: [WORKLOAD], 'desired-state': ['running'] } })) as { Status: { State: string } }[];
    if (tasks.filter((t) => t.Status.State === 'running').length === 3) break;
    if (Date.now() > until) throw new Error('the workload did not run on three nodes within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}, 300_000);

afterAll(async () => {
  setCluster(undefined);
  setSwarmRegistry(undefined);
  setNodeAgentEngine(undefined);
  await db?.drop();
  await swarm?.stop();
});

describe('the node agent', () => {
  it('runs one task per node, on the host network, with the socket, secrets and no capability', async () => {
    const service = (await manager.getService(nodeAgentServiceName(INSTANCE)).inspect()) as {
      Spec: { Mode: { Global?: object }; TaskTemplate: { ContainerSpec: { ReadOnly: boolean; CapabilityDrop?: string[]; Secrets: { File: { Mode: number } }[] } } };
    };
    expect(service.Spec.Mode.Global).toBeDefined();
    const spec = service.Spec.TaskTemplate.ContainerSpec;
    expect(spec.ReadOnly).toBe(true);
    expect(spec.CapabilityDrop).toEqual(['ALL']);
    expect(spec.Secrets.map((s) => s.File.Mode)).toEqual([0o400, 0o400, 0o400]);
    const tasks = (await manager.listTasks({ filters: { service: [nodeAgentServiceName(INSTANCE)], 'desired-state': ['running'] } })) as { NodeID: string }[];
    expect(tasks.map((t) => t.NodeID).sort()).toEqual(swarm.nodes.map((n) => n.nodeId).sort());
  });

  it('opens a worker node’s engine: containers, exec, files, logs and stats of a task there', async () => {
    const docker = await agents.docker(worker.nodeId);
    const info = (await docker.info()) as { Swarm: { NodeID: string }; Name: string };
    expect(info.Swarm.NodeID).toBe(worker.nodeId);
    expect(info.Swarm.NodeID).not.toBe(swarm.manager.nodeId);

    const runtime = await agents.runtime(worker.nodeId);
    const through = (await runtime.listContainers(['colo.test=agent'])).map((c) => c.id).sort();
    const direct = ((await worker.docker.listContainers({ all: true, filters: { label: ['colo.test=agent'] } })) as { Id: string }[]).map((c) => c.Id).sort();
    expect(through).toEqual(direct);
    expect(through.length).toBeGreaterThanOrEqual(2); // the agent itself and the workload's task

    const tasks = (await manager.listTasks({ filters: { service: [WORKLOAD], node: [worker.nodeId], 'desired-state': ['running'] } })) as {
      Slot: number;
      Status: { ContainerStatus: { ContainerID: string } };
    }[];
    const task = tasks[0];
    if (!task) throw new Error('no workload task on the worker');
    const located = await agents.locate({ container: task.Status.ContainerStatus.ContainerID.slice(0, 12) });
    expect(located?.nodeId).toBe(worker.nodeId);
    expect((await agents.locate({ service: WORKLOAD, slot: task.Slot }))?.node.hostname).toBe(worker.hostname);
    const container = task.Status.ContainerStatus.ContainerID;
    const run = located?.runtime ?? runtime;

    const exec = await run.exec(container, ['sh', '-c', 'hostname; echo written on the worker > /tmp/agent.txt']);
    expect(exec.exitCode).toBe(0);
    expect(exec.output.trim()).toBe(`work-${task.Slot}`);
    expect(await run.readFile(container, '/tmp/agent.txt')).toBe('written on the worker\n');
    expect(await run.readFile(container, '/tmp/none.txt')).toBeUndefined();
    // An exec whose input ends first: its output after that still comes back through the agent.
    const piped = await docker.getContainer(container).exec({ Cmd: ['sh', '-c', 'cat; sleep 1; echo after'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const stream = (await piped.start({ hijack: true, stdin: true })) as NodeJS.ReadWriteStream;
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (d) => {
      text += d;
    });
    docker.modem.demuxStream(stream, sink, sink);
    stream.end('piped\n');
    await new Promise((r) => {
      stream.on('end', r);
      stream.on('close', r);
    });
    expect(text).toBe('piped\nafter\n');
    const stats = await run.containerStats(container);
    expect(stats?.memoryUsed).toBeGreaterThan(0);
    expect(stats?.cpuNs).toBeGreaterThan(0);
    // The agent's own container logs its start line on that node.
    const agentTask = (await run.listContainers([`com.docker.swarm.service.name=${nodeAgentServiceName(INSTANCE)}`]))[0];
    expect(await run.logs(agentTask?.id ?? '', 10)).toContain(`colo-node-agent: 0.0.0.0:${DEFAULT_AGENT_PORT}`);
  });

  it('changes nothing on a second ensure', async () => {
    const before = (await manager.getService(nodeAgentServiceName(INSTANCE)).inspect()) as { Version: { Index: number } };
    const again = await ensureNodeAgent({ docker: manager, instance: INSTANCE, image: agentImage, certificates: certs, labels: { 'colo.test': 'agent' } });
    expect(again.changed).toEqual([]);
    const after = (await manager.getService(nodeAgentServiceName(INSTANCE)).inspect()) as { Version: { Index: number } };
    expect(after.Version.Index).toBe(before.Version.Index);
  });

  it('refuses plain HTTP, TLS without a client certificate, another CA, another name and its own certificate', async () => {
    const good = { cert: certs.client.cert, key: certs.client.key };
    expect(await ping(worker.ip, good)).toBe('OK'); // the same request with Colo's certificate answers
    await refused(plainPing(worker.ip));
    await refused(ping(worker.ip, undefined));
    const otherCa = createRegistryCa({ commonName: 'Not Colo' });
    await refused(ping(worker.ip, issueRegistryCertificate(otherCa, { kind: 'client', commonName: AGENT_CLIENT_NAME })));
    // The registry relays' certificate comes from the same CA: it must not open an engine.
    await refused(ping(worker.ip, issueRegistryCertificate(ca, { kind: 'client', commonName: 'colo-registry-relay' })));
    // The agents' own certificate (its key is on every node) is no client certificate.
    await refused(ping(worker.ip, certs.server));
    expect(await ping(worker.ip, good)).toBe('OK');
  });

  it("drives ensureShare on the three nodes through the agents' NodeAccess", async () => {
    const volume = 'colo-agenttest-nas-share';
    await manager.createVolume({ Name: volume });
    const share: Share = {
      key: shareKey('agenttest', 'nas', 'share'),
      scope: { instance: INSTANCE, vdcId: 'vdc_agenttest' },
      appliance: 'nas',
      volume: 'share',
      volumeName: volume,
      owner: { user: 'www-data', uid: 33, gid: 33 },
      nodeId: swarm.manager.nodeId,
    };
    const deps = { manager, nodes: agents.access, image: shareImage, secret: 'node-agent-test-secret-0123456789', timeoutMs: 90_000 };
    expect((await agents.access.nodes()).map((n) => n.id).sort()).toEqual(swarm.nodes.map((n) => n.nodeId).sort());
    const first = await ensureShare(deps, share);
    expect(first.nodes).toHaveLength(3);
    expect(first.changed.filter((c) => c.startsWith('mounter '))).toHaveLength(3);
    // Each node's own engine (not the agent) shows the mounter the agent made there, running.
    for (const node of swarm.nodes) {
      const mounter = await node.docker.getContainer(shareMounterName(share.key)).inspect();
      expect(mounter.State.Running).toBe(true);
    }
    expect((await ensureShare(deps, share)).changed).toEqual([]);
    await removeShare(deps, share.key);
    for (const node of swarm.nodes) {
      await expect(node.docker.getContainer(shareMounterName(share.key)).inspect()).rejects.toMatchObject({ statusCode: 404 });
    }
  });

  it('is removed with its secrets', async () => {
    await removeNodeAgent(manager, INSTANCE);
    await expect(manager.getService(nodeAgentServiceName(INSTANCE)).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const secrets = (await manager.listSecrets({ filters: { label: [`colo.instance=${INSTANCE}`] } })) as unknown[];
    expect(secrets).toEqual([]);
  });
});

describe("the node agent from control (production's path)", () => {
  it('is ensured with certificates under the registry CA, its image through the registry, and opens any node', async () => {
    db = await createTestDatabase('swarm_node_agent');
    configureControl({ ...process.env, DATABASE_URL: db.url, COLO_INSTANCE: 'agentctl' });
    setCluster(createDockerCluster(manager));
    setSwarmRegistry(createSwarmRegistry(manager));
    setNodeAgentEngine(createNodeAgentEngine(manager));

    const result = await ensureColoNodeAgent();
    expect(result.nodes.map((n) => n.id).sort()).toEqual(swarm.nodes.map((n) => n.nodeId).sort());
    const service = (await manager.getService('colo-agentctl-node-agent').inspect()) as { Spec: { TaskTemplate: { ContainerSpec: { Image: string } } } };
    expect(service.Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^127\.0\.0\.1:5000\/colo\/node-agent:1@sha256:/);
    expect((await ensureColoNodeAgent()).changed).toEqual([]);

    const runtime = await nodeRuntime(worker.nodeId);
    const mine = await runtime.listContainers(['com.docker.swarm.service.name=colo-agentctl-node-agent']);
    expect(mine).toHaveLength(1);
    const located = await locateContainer({ container: mine[0]?.id ?? '' });
    expect(located?.node.hostname).toBe(worker.hostname);
    expect(await located?.runtime.readFile(mine[0]?.id ?? '', '/usr/local/bin/colo-node-agent')).toContain('socat');
  });
});

/** Refused by the agent (the handshake or the connection fails at once), not merely slow. */
async function refused(answer: Promise<string>): Promise<void> {
  const error = await answer.then(
    (body) => new Error(`answered ${body}`),
    (e: Error) => e,
  );
  expect(error.message).not.toMatch(/^answered|timed out/);
}

/** GET /_ping through the agent of `address` over TLS, checking the agent as Colo does. */
function ping(address: string, client: { cert: string; key: string } | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: DEFAULT_AGENT_PORT,
        path: '/_ping',
        ca: certs.caCert,
        ...client,
        checkServerIdentity: (_h, cert) => checkServerIdentity(AGENT_SERVER_NAME, cert),
        timeout: 10_000,
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`status ${res.statusCode}`))));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

function plainPing(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = plainRequest({ host: address, port: DEFAULT_AGENT_PORT, path: '/_ping', timeout: 10_000, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
