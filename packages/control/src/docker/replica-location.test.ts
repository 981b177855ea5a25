// Where a VDC's replicas are on a swarm, over a fake manager and fake node engines (no swarm
// needed): a replica's task leads to its node's engine (Colo's own for the manager's node), a
// VDC's containers are listed on every node its tasks were placed on (a node that does not answer
// left out), and the sampler reads every ready node. The real swarm: tests/swarm/day-two.test.ts.
import { type ContainerSummary, LABEL, type NodeEngine, type Runtime, SHARE_LABEL, type SwarmApi, type SwarmEngine, type SwarmTaskInfo } from '@colo/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { engineConfig, setRuntime } from './engine-access';
import { setNodeEngineFactory, setSwarmEngine } from './engine-mode';
import { locateReplica, sampledEngines, vdcContainers } from './replica-location';
import { SWARM_TASK_NAME_LABEL } from './swarm-replicas';

const vdc = { id: 'vdc_day2', name: 'shop' };

function container(node: string, appliance: string, slot: number, extra: Record<string, string> = {}): ContainerSummary {
  return {
    id: `c-${appliance}-${slot}`,
    name: `colo-shop-${appliance}.${slot}.t${slot}`,
    image: 'echo',
    imageId: 'sha256:1',
    labels: {
      [LABEL.managed]: 'true',
      [LABEL.instance]: engineConfig().instance,
      [LABEL.vdc]: vdc.id,
      [LABEL.appliance]: appliance,
      [SWARM_TASK_NAME_LABEL]: `colo-shop-${appliance}.${slot}.t${slot}`,
      'colo.test-node': node,
      ...extra,
    },
    state: 'running',
    health: 'healthy',
    networks: [],
    ports: [],
    volumes: [],
  };
}

/** A runtime that lists what its node holds (by the label filters asked), and counts what it is asked. */
function fakeRuntime(held: ContainerSummary[]): Runtime & { asked: string[][] } {
  const asked: string[][] = [];
  const listContainers = async (filters: string[]) => {
    asked.push(filters);
    return held.filter((c) => filters.every((f) => (f.includes('=') ? c.labels[f.split('=')[0] as string] === f.split('=')[1] : f in c.labels)));
  };
  return { asked, listContainers } as unknown as Runtime & { asked: string[][] };
}

const task = (id: string, service: string, slot: number, node: string, state = 'running', desired = 'running'): SwarmTaskInfo => ({
  ID: id,
  ServiceID: service,
  Slot: slot,
  NodeID: node,
  DesiredState: desired,
  Status: { State: state, ...(state === 'running' ? { ContainerStatus: { ContainerID: `c-${service}-${slot}` } } : {}) },
  Spec: {},
});

function fakeSwarm(options: { down?: string[] } = {}) {
  const own = fakeRuntime([container('m', 'web', 1)]);
  const nodes: Record<string, ReturnType<typeof fakeRuntime>> = {
    n2: fakeRuntime([container('n2', 'web', 2), container('n2', 'db', 1), container('n2', 'web', 9, { [LABEL.role]: 'edge' })]),
    n3: fakeRuntime([container('n3', 'web', 3)]),
  };
  const services = [
    { Spec: { Name: 'colo-shop-web', Labels: { [LABEL.appliance]: 'web' } } },
    { Spec: { Name: 'colo-shop-db', Labels: { [LABEL.appliance]: 'db' } } },
    { Spec: { Name: 'colo-shop-share', Labels: { [LABEL.appliance]: 'db', [SHARE_LABEL.share]: 's' } } },
  ];
  const tasks = [
    task('t1', 'web', 1, 'm'),
    task('t2', 'web', 2, 'n2'),
    task('t3', 'web', 3, 'n3'),
    task('t3old', 'web', 3, 'n2', 'shutdown', 'shutdown'),
    task('t4', 'web', 4, 'n3', 'starting'),
    task('d1', 'db', 1, 'n2'),
  ];
  const listTasks = async ({ service }: { service?: string[] }) => tasks.filter((t) => service?.some((s) => s.endsWith(`-${t.ServiceID}`)));
  const listServices = async (labels: string[]) => services.filter((s) => labels.every((l) => !l.startsWith(`${LABEL.appliance}=`) || s.Spec.Labels[LABEL.appliance] === l.split('=')[1]));
  const listNodes = async () =>
    ['m', 'n2', 'n3', 'n4'].map((id) => ({ ID: id, Description: { Hostname: id }, Spec: { Role: 'worker', Availability: id === 'n4' ? 'drain' : 'active' }, Status: { State: 'ready' } }));
  const api = { info: async () => ({ localNodeState: 'active', controlAvailable: true, nodeId: 'm' }), listServices, listTasks, listNodes } as unknown as SwarmApi;
  setSwarmEngine({ api } as SwarmEngine);
  setRuntime(own);
  setNodeEngineFactory(async (nodeId) => {
    if (options.down?.includes(nodeId) || !nodes[nodeId]) throw new Error(`node ${nodeId} does not answer`);
    return { docker: { node: nodeId } as unknown as NodeEngine['docker'], runtime: nodes[nodeId] };
  });
  return { own, nodes };
}

afterEach(() => {
  setSwarmEngine(undefined);
  setRuntime(undefined);
  setNodeEngineFactory(undefined);
});

describe('locateReplica on a swarm', () => {
  it("finds replica N by its task's slot, on its node's engine, with the container id the manager knows", async () => {
    const { own, nodes } = fakeSwarm();
    const third = await locateReplica(vdc, 'web', 3, own);
    expect(third).toMatchObject({ nodeId: 'n3', replica: 3, containerId: 'c-web-3', container: 'colo-shop-web.3.t3' });
    expect(third.runtime).toBe(nodes.n3);
    // The manager's own node: Colo's engine, not an agent.
    const first = await locateReplica(vdc, 'web', undefined, own);
    expect(first).toMatchObject({ nodeId: 'm', replica: 1, containerId: 'c-web-1' });
    expect(first.runtime).toBe(own);
  });

  it('refuses in the words of a single host: a replica starting, one it does not have, an appliance never deployed', async () => {
    const { own } = fakeSwarm();
    await expect(locateReplica(vdc, 'web', 4, own)).rejects.toThrow('replica 4 of web in VDC "shop" is starting, not running: start it first');
    await expect(locateReplica(vdc, 'web', 7, own)).rejects.toThrow('web in VDC "shop" has no replica 7 (it has 1, 2, 3, 4)');
    await expect(locateReplica(vdc, 'cache', 1, own)).rejects.toThrow('cache in VDC "shop" has no containers: deploy it first');
  });
});

describe('vdcContainers on a swarm', () => {
  it("lists the VDC's replicas on every node its tasks were placed on, each with its node's engine (edge and share left out)", async () => {
    const { own, nodes } = fakeSwarm();
    const all = await vdcContainers(vdc);
    expect(all.map((c) => [c.labels[LABEL.appliance], c.replica, c.engine.nodeId]).sort()).toEqual([
      ['db', 1, 'n2'],
      ['web', 1, 'm'],
      ['web', 2, 'n2'],
      ['web', 3, 'n3'],
    ]);
    expect(all.find((c) => c.replica === 3)?.engine.runtime).toBe(nodes.n3);
    expect(all.find((c) => c.engine.nodeId === 'm')?.engine.docker).toBeUndefined();
    expect(own.asked.length).toBe(1);
  });

  it('narrows to one appliance and one replica (the slot: swarm containers carry no replica label)', async () => {
    fakeSwarm();
    expect((await vdcContainers(vdc, { appliance: 'web', replica: 2 })).map((c) => c.id)).toEqual(['c-web-2']);
    expect(await vdcContainers(vdc, { appliance: 'cache' })).toEqual([]);
  });

  it('leaves out a node that does not answer; the others are still read', async () => {
    fakeSwarm({ down: ['n3'] });
    expect((await vdcContainers(vdc, { appliance: 'web' })).map((c) => c.replica).sort()).toEqual([1, 2]);
  });
});

describe('sampledEngines', () => {
  it("reads every ready, undrained node (the manager's through Colo's engine) and names the ones it cannot reach", async () => {
    const { own, nodes } = fakeSwarm({ down: ['n2'] });
    const skipped: string[] = [];
    const engines = await sampledEngines((id) => skipped.push(id));
    expect(engines.map((e) => e.nodeId)).toEqual(['m', 'n3']);
    expect(engines[0]?.runtime).toBe(own);
    expect(engines[1]?.runtime).toBe(nodes.n3);
    expect(skipped).toEqual(['n2']);
  });

  it("is Colo's own engine alone on one host", async () => {
    const own = fakeRuntime([]);
    setRuntime(own);
    setSwarmEngine({ api: { info: async () => ({ localNodeState: 'inactive', controlAvailable: false, nodeId: '' }) } } as unknown as SwarmEngine);
    expect(await sampledEngines()).toEqual([{ runtime: own }]);
  });
});
