// The engine's ClusterApi on real swarms of Docker-in-Docker nodes: status, the join command,
// nodes with resources and what runs on them, labels, drain, removal's refusals and a removal
// after the node left; and `init`/`adopt` on a fresh engine that is in no swarm.
import { drainAndWait } from '@colo/control';
import { type ClusterApi, createDockerCluster, isEngineError } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSwarm, type TestSwarm } from '../support/swarm';

const ECHO = 'colo-test/echo:2';
const LABELS = { 'colo.managed': 'true', 'colo.instance': 'nodes-test', 'colo.vdc': 'vdc-nodes', 'colo.appliance': 'web' };
let swarm: TestSwarm;
let fresh: TestSwarm;
let cluster: ClusterApi;

beforeAll(async () => {
  [swarm, fresh] = await Promise.all([startTestSwarm({ nodes: 3, images: [ECHO] }), startTestSwarm({ nodes: 1, init: false })]);
  cluster = createDockerCluster(swarm.manager.docker);
});
afterAll(async () => {
  await Promise.all([swarm?.stop(), fresh?.stop()]);
});

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, ms = 90_000): Promise<T> {
  let last: T | undefined;
  for (const end = Date.now() + ms; Date.now() < end; ) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: not within ${ms / 1000}s; last ${JSON.stringify(last)}`);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isEngineError(error)) throw new Error(`expected an EngineError, got ${String(error)}`);
  return error.message;
}

describe('a swarm through ClusterApi', () => {
  it("tells a manager's engine from a worker's", async () => {
    const status = await cluster.status();
    expect(status).toMatchObject({ mode: 'manager', localState: 'active', nodeId: swarm.manager.nodeId, managerAddress: `${swarm.manager.ip}:2377` });
    expect(status.host.cpus).toBeGreaterThan(0);
    const worker = await createDockerCluster(swarm.nodes[1]?.docker).status();
    expect(worker).toMatchObject({ mode: 'worker', nodeId: swarm.nodes[1]?.nodeId });
    expect(await refusal(createDockerCluster(swarm.nodes[1]?.docker).listNodes())).toMatch(/worker of a swarm/);
  });

  it("makes the join command from the swarm's tokens and the manager's address", async () => {
    const tokens = ((await swarm.manager.docker.swarmInspect()) as { JoinTokens: { Worker: string; Manager: string } }).JoinTokens;
    const worker = await cluster.joinCommand('worker');
    expect(worker).toMatchObject({ role: 'worker', token: tokens.Worker, managerAddress: `${swarm.manager.ip}:2377` });
    expect(worker.command).toBe(`docker swarm join --token ${tokens.Worker} ${swarm.manager.ip}:2377`);
    expect((await cluster.joinCommand('manager')).token).toBe(tokens.Manager);
  });

  it('lists three ready nodes with their resources, role and engine', async () => {
    const nodes = await cluster.listNodes();
    expect(nodes.map((n) => n.hostname).sort()).toEqual(swarm.nodes.map((n) => n.hostname).sort());
    for (const n of nodes) {
      expect(n).toMatchObject({ state: 'ready', availability: 'active' });
      expect(n.cpus).toBeGreaterThan(0);
      expect(n.memoryBytes).toBeGreaterThan(0);
      expect(n.engineVersion).toMatch(/^\d+\./);
    }
    expect(nodes.filter((n) => n.role === 'manager').map((n) => [n.id, n.leader])).toEqual([[swarm.manager.nodeId, true]]);
    expect(nodes.find((n) => n.id === swarm.nodes[1]?.nodeId)?.address).toBe(swarm.nodes[1]?.ip);
  });

  it('adds and removes node labels, and Docker has them', async () => {
    const target = swarm.nodes[2]?.hostname as string;
    expect((await cluster.setLabels(target, { add: { zone: 'a', tier: 'fast' } })).labels).toEqual({ zone: 'a', tier: 'fast' });
    expect((await cluster.setLabels(target, { remove: ['tier'] })).labels).toEqual({ zone: 'a' });
    const inspected = (await swarm.manager.docker.getNode(swarm.nodes[2]?.nodeId as string).inspect()) as { Spec: { Labels: Record<string, string> } };
    expect(inspected.Spec.Labels).toEqual({ zone: 'a' });
    expect(await refusal(cluster.setLabels('no-such-node', { add: { a: 'b' } }))).toMatch(/node no-such-node is not in this swarm/);
  });

  it("shows a service of three replicas on each node's runs, and a drain moves them away", async () => {
    const docker = swarm.manager.docker;
    await docker.createService({
      Name: 'nodes-web',
      Labels: LABELS,
      TaskTemplate: { ContainerSpec: { Image: ECHO, Hostname: 'web-{{.Task.Slot}}', Labels: LABELS } },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    const spread = await until(
      'three replicas running on three nodes',
      () => cluster.listNodes(),
      (nodes) => nodes.every((n) => n.runs.some((r) => r.service === 'nodes-web' && r.tasks.length === 1 && r.tasks[0]?.state === 'running')),
    );
    for (const n of spread) expect(n.runs).toEqual([expect.objectContaining({ service: 'nodes-web', colo: true, vdc: 'vdc-nodes', appliance: 'web', instance: 'nodes-test', pinned: false })]);

    const third = swarm.nodes[2]?.hostname as string;
    expect((await cluster.setAvailability(third, 'drain')).availability).toBe('drain');
    const after = await until(
      'the drained node empty and three replicas on the others',
      () => cluster.listNodes(),
      (nodes) =>
        nodes.find((n) => n.hostname === third)?.runs.length === 0 &&
        nodes.flatMap((n) => n.runs).flatMap((r) => r.tasks).filter((t) => t.state === 'running').length === 3,
    );
    expect(after.find((n) => n.hostname === third)?.availability).toBe('drain');
  });

  it('refuses to remove a manager, an active node and a drained node still in the swarm', async () => {
    expect(await refusal(cluster.removeNode(swarm.manager.hostname))).toMatch(new RegExp(`node ${swarm.manager.hostname} is a manager`));
    expect(await refusal(cluster.removeNode(swarm.nodes[1]?.hostname as string))).toMatch(/is active: drain it first/);
    expect(await refusal(cluster.removeNode(swarm.nodes[2]?.hostname as string))).toMatch(/still part of the swarm: run `docker swarm leave`/);
    expect(await cluster.listNodes()).toHaveLength(3);
  });

  it('removes a drained worker once it has left', async () => {
    const third = swarm.nodes[2];
    if (!third) throw new Error('no third node');
    await third.docker.swarmLeave({});
    await until('the node shows down', () => cluster.node(third.hostname), (n) => n.state === 'down');
    await cluster.removeNode(third.hostname);
    expect((await cluster.listNodes()).map((n) => n.hostname).sort()).toEqual(swarm.nodes.slice(0, 2).map((n) => n.hostname).sort());
    expect(await refusal(cluster.node(third.nodeId))).toMatch(/is not in this swarm/);
  });

  it("drains through control: the stateless replicas move, the appliance pinned by its data is named and waits for the node", async () => {
    const second = swarm.nodes[1];
    if (!second) throw new Error('no second node');
    const dbLabels = { ...LABELS, 'colo.appliance': 'db' };
    await swarm.manager.docker.createService({
      Name: 'nodes-db',
      Labels: dbLabels,
      TaskTemplate: { ContainerSpec: { Image: ECHO, Labels: dbLabels }, Placement: { Constraints: [`node.id==${second.nodeId}`] } },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    await until(
      'db running on the second node and web on both',
      () => cluster.node(second.hostname),
      (n) => n.runs.some((r) => r.service === 'nodes-db' && r.pinned && r.tasks[0]?.state === 'running') && n.runs.some((r) => r.service === 'nodes-web'),
    );

    const drained = await drainAndWait(cluster, second.hostname, { waitMs: 90_000 });
    expect(drained.moved).toBe(true);
    expect(drained.remaining).toEqual([]);
    expect(drained.pinned.map((r) => [r.service, r.appliance, r.vdc])).toEqual([['nodes-db', 'db', 'vdc-nodes']]);
    expect(drained.node).toMatchObject({ availability: 'drain', runs: [] });
    const first = await until('three web replicas on the manager', () => cluster.node(swarm.manager.hostname), (n) => n.runs.find((r) => r.service === 'nodes-web')?.tasks.filter((t) => t.state === 'running').length === 3);
    // Nowhere else to go: the pinned one is not started on the manager.
    expect(first.runs.map((r) => r.service)).toEqual(['nodes-web']);

    await cluster.setAvailability(second.hostname, 'active');
    await until('db back on its node', () => cluster.node(second.hostname), (n) => n.runs.some((r) => r.service === 'nodes-db' && r.tasks[0]?.state === 'running'));
  });

  it('puts an active node back to work', async () => {
    const second = swarm.nodes[1]?.hostname as string;
    expect((await cluster.setAvailability(second, 'drain')).availability).toBe('drain');
    expect((await cluster.setAvailability(second, 'active')).availability).toBe('active');
  });
});

describe('a fresh engine in no swarm', () => {
  it('is single, cannot be adopted, is initialised on a pool apart from its own, then adopted', async () => {
    const engine = fresh.manager.docker;
    const single = createDockerCluster(engine);
    const before = await single.status();
    expect(before).toMatchObject({ mode: 'single', localState: 'inactive', host: { hostname: fresh.manager.hostname } });
    expect(before.nodeId).toBeUndefined();
    expect(before.host.memoryBytes).toBeGreaterThan(0);
    expect(await refusal(single.adopt())).toMatch(/not in a swarm \(single host\)/);
    expect(await refusal(single.listNodes())).toMatch(/not in a swarm/);
    // The node's own bridges use 10.213.0.0/16 (tests/support/swarm-node): a pool over it is refused.
    expect(await refusal(single.init({ addressPool: '10.213.0.0/16' }))).toMatch(/overlaps/);
    expect((await single.status()).mode).toBe('single');

    const made = await single.init();
    expect(made).toMatchObject({ mode: 'manager', managerAddress: `${fresh.manager.ip}:2377` });
    const pools = ((await engine.swarmInspect()) as { DefaultAddrPool: string[] }).DefaultAddrPool;
    expect(pools).toEqual(['10.200.0.0/16']);
    expect(await single.adopt()).toMatchObject({ mode: 'manager', nodeId: made.nodeId });
    expect(await refusal(single.init())).toMatch(/already in a swarm \(as manager\): adopt it/);
    const [only] = await single.listNodes();
    expect(only).toMatchObject({ hostname: fresh.manager.hostname, role: 'manager', state: 'ready', runs: [] });
  });
});
