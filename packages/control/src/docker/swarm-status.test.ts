// Where a pinned appliance's data is on a swarm, and whether that node is lost: the mapping from
// the service's `colo.node` pin and the swarm's nodes, and the status that carries it (a fake
// manager: no swarm is needed to check words and fields).
import { LABEL, SWARM_LABEL, type SwarmApi, type SwarmEngine } from '@colo/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ControlTest, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { setSwarmEngine } from './engine-mode';
import { dataNode, swarmStatus } from './swarm-status';
import { vdcStatus } from './vdc-status';

type SwarmNode = Awaited<ReturnType<SwarmApi['listNodes']>>[number];

const node = (id: string, hostname: string, state = 'ready', availability = 'active'): SwarmNode => ({
  ID: id,
  Description: { Hostname: hostname },
  Spec: { Role: 'worker', Availability: availability },
  Status: { State: state },
});
const nodes = [node('id1', 'n1'), node('id2', 'n2', 'down'), node('id3', 'n3', 'ready', 'drain'), node('id4', 'n4', 'unknown'), node('id5', 'n5', 'ready', 'pause')];

describe('dataNode', () => {
  it('names the node a pin holds, by id, and finds it healthy when ready and active (or paused: its tasks keep running)', () => {
    expect(dataNode('id1', nodes)).toEqual({ nodeId: 'id1', hostname: 'n1', lost: false });
    expect(dataNode('id5', nodes)).toEqual({ nodeId: 'id5', hostname: 'n5', lost: false });
  });

  it('calls the node lost when it is down, not answering, drained or gone from the swarm, and says which', () => {
    expect(dataNode('id2', nodes)).toEqual({ nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' });
    expect(dataNode('id4', nodes)).toEqual({ nodeId: 'id4', hostname: 'n4', lost: true, reason: 'not answering' });
    expect(dataNode('id3', nodes)).toEqual({ nodeId: 'id3', hostname: 'n3', lost: true, reason: 'drained' });
    expect(dataNode('id9', nodes)).toEqual({ nodeId: 'id9', hostname: 'id9', lost: true, reason: 'gone from the swarm' });
  });

  it('has nothing to say of an appliance with no pin (stateless: it goes anywhere)', () => {
    expect(dataNode(undefined, nodes)).toBeUndefined();
    expect(dataNode('', nodes)).toBeUndefined();
  });
});

function fakeManager(pins: Record<string, string | undefined>) {
  const services = Object.entries(pins).map(([appliance, pin], i) => ({
    ID: `svc${i}`,
    Version: { Index: 1 },
    Spec: {
      Name: `colo-x-${appliance}`,
      Labels: { [LABEL.appliance]: appliance, [LABEL.class]: 'postgres', ...(pin ? { [SWARM_LABEL.node]: pin } : {}) },
      Mode: { Replicated: { Replicas: 1 } },
    },
  }));
  const tasks = services.map((s, i) => ({
    ID: `task${i}`,
    ServiceID: s.ID,
    NodeID: s.Spec.Labels[SWARM_LABEL.node] ?? 'id1',
    Slot: 1,
    DesiredState: 'running',
    Status: { State: 'running', Timestamp: '2026-12-03T18:00:00Z' },
    Spec: {},
  }));
  const listNodes = vi.fn(async () => nodes);
  const info = async () => ({ localNodeState: 'active', controlAvailable: true, nodeId: 'id1' });
  const api = { info, listServices: async () => services, listTasks: async () => tasks, listNodes } as unknown as SwarmApi;
  setSwarmEngine({ api } as SwarmEngine);
  return { listNodes };
}

describe('swarmStatus', () => {
  afterEach(() => setSwarmEngine(undefined));

  it("carries each pinned appliance's data node into its status, lost or not", async () => {
    fakeManager({ db: 'id2', cache: 'id1', web: undefined });
    const status = await swarmStatus({ id: 'vdc_1' });
    const byName = Object.fromEntries(status.appliances.map((a) => [a.name, a]));
    expect(byName.db.data).toEqual({ nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' });
    expect(byName.cache.data).toEqual({ nodeId: 'id1', hostname: 'n1', lost: false });
    expect(byName.web).not.toHaveProperty('data');
    expect(byName.db.containers[0]).toMatchObject({ node: 'n2', replica: 1 });
  });

  it('reads the nodes once, and only when something is pinned', async () => {
    const pinned = fakeManager({ db: 'id1', cache: 'id3' });
    await swarmStatus({ id: 'vdc_1' });
    // swarmVdcStatus reads them once for hostnames; the data nodes once more.
    expect(pinned.listNodes).toHaveBeenCalledTimes(2);
    const loose = fakeManager({ web: undefined });
    await swarmStatus({ id: 'vdc_1' });
    expect(loose.listNodes).toHaveBeenCalledTimes(1);
  });
});

describe('vdcStatus on a swarm', () => {
  let t: ControlTest;
  beforeAll(async () => {
    t = await setupControlTest('swarm-status');
  });
  afterAll(async () => {
    setSwarmEngine(undefined);
    await t?.teardown();
  });

  it("says where a pinned appliance's data is, and that it is lost, in its problem too", async () => {
    const user = await t.user();
    await createVdc(user, manifestOf('shop', [{ name: 'db', class: 'sleeper' }, { name: 'web', class: 'sleeper' }]));
    fakeManager({ db: 'id2', web: undefined });
    const status = await vdcStatus(user, 'shop', { backends: false });
    const db = status.appliances.find((a) => a.name === 'db');
    expect(db?.data).toEqual({ nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' });
    expect(db?.problem).toBe('its data is on node n2, which is down');
    expect(status.appliances.find((a) => a.name === 'web')).not.toHaveProperty('data');
  });
});
