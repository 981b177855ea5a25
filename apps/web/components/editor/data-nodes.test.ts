import type { ClusterNodeAnswer, Snapshot } from '@colo/api';
import { describe, expect, it } from 'vitest';
import type { VdcStatusBody } from '@/components/deploy';
import { dataNodesOf, lostDataOf, moveBlocked, moveRequest, moveTargets } from './data-nodes';

const vdc = { id: 'vdc_1', name: 'shop', state: 'running', revision: 1, deployedRevisionId: null, busy: false };
const appliance = (name: string, data?: { nodeId: string; hostname: string; lost: boolean; reason?: string }) => ({
  name,
  class: 'postgres',
  replicas: { desired: 1, running: 1 },
  state: 'running',
  containers: [],
  ...(data ? { data } : {}),
});
const status = (...appliances: ReturnType<typeof appliance>[]) => ({ vdc, appliances, edge: [] }) as VdcStatusBody;
const snap = (number: number, state: string, appliances: string[]): Snapshot =>
  ({ number, status: state, sizeBytes: 0, volumes: appliances.map((a) => ({ appliance: a, volume: 'data', bytes: 1 })) }) as Snapshot;

const lostDb = status(appliance('db', { nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' }), appliance('web'));

describe('where pinned appliances keep their data', () => {
  it('lists only appliances the status pins (a swarm\'s), lost or not', () => {
    const s = status(appliance('db', { nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' }), appliance('cache', { nodeId: 'id1', hostname: 'n1', lost: false }), appliance('web'));
    expect(dataNodesOf(s)).toEqual({
      db: { nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' },
      cache: { nodeId: 'id1', hostname: 'n1', lost: false },
    });
    expect(dataNodesOf(undefined)).toEqual({});
  });
});

describe('the banner over the canvas when a data node is lost', () => {
  it('says where the data is and offers the newest ready snapshot holding it, asking for just the appliance', () => {
    const snapshots = [snap(6, 'creating', ['db']), snap(5, 'ready', ['db', 'web']), snap(4, 'ready', ['db'])];
    expect(lostDataOf(lostDb, snapshots)).toEqual([
      {
        appliance: 'db',
        message: "db's data is on node n2, which is down.",
        action: { snapshot: 5, label: 'Restore db from snapshot 5 onto another node', request: { appliance: 'db' } },
      },
    ]);
  });

  it('names an older snapshot when the newest ready one does not hold the appliance\'s data', () => {
    const snapshots = [snap(7, 'ready', ['web']), snap(3, 'ready', ['db'])];
    expect(lostDataOf(lostDb, snapshots)[0].action).toEqual({ snapshot: 3, label: 'Restore db from snapshot 3 onto another node', request: { appliance: 'db', snapshot: 3 } });
  });

  it('offers no button when no ready snapshot holds the data, and says so', () => {
    const [line] = lostDataOf(lostDb, [snap(2, 'creating', ['db']), snap(1, 'ready', ['web'])]);
    expect(line.action).toBeUndefined();
    expect(line.none).toBe("No ready snapshot holds db's data, so it cannot be restored onto another node: bring node n2 back.");
    expect(lostDataOf(lostDb, [])[0].none).toMatch(/No ready snapshot/);
  });

  it('says nothing more than where the data is while the snapshots are read, and nothing at all when no node is lost', () => {
    expect(lostDataOf(lostDb, undefined)).toEqual([{ appliance: 'db', message: "db's data is on node n2, which is down." }]);
    expect(lostDataOf(status(appliance('db', { nodeId: 'id1', hostname: 'n1', lost: false })), [])).toEqual([]);
    expect(lostDataOf(undefined, [])).toEqual([]);
  });

  it('offers a live move off a drained node (it still answers), snapshots or not', () => {
    const s = status(appliance('db', { nodeId: 'id3', hostname: 'n3', lost: true, reason: 'drained' }));
    const move = { appliance: 'db', message: "db's data is on node n3, which is drained.", action: { label: 'Move db to another node', request: { appliance: 'db' } } };
    expect(lostDataOf(s, undefined)).toEqual([move]);
    expect(lostDataOf(s, [])).toEqual([move]);
  });

  it('tells a drained node and one gone from the swarm apart, one line per appliance in name order', () => {
    const s = status(
      appliance('queue', { nodeId: 'id9', hostname: 'id9', lost: true, reason: 'gone from the swarm' }),
      appliance('db', { nodeId: 'id3', hostname: 'n3', lost: true, reason: 'drained' }),
    );
    expect(lostDataOf(s, undefined).map((l) => l.message)).toEqual(["db's data is on node n3, which is drained.", "queue's data is on node id9, which is gone from the swarm."]);
  });
});

describe('Move to node… in the inspector', () => {
  const node = (id: string, hostname: string, state = 'ready', availability = 'active') =>
    ({ id, hostname, state, availability, role: 'worker', leader: false, address: '', cpus: 2, memoryBytes: 4 * 1024 ** 3, labels: {}, engineVersion: '20.10', runs: [] }) as unknown as ClusterNodeAnswer;

  it('offers the ready, active nodes other than the one holding the data, by name', () => {
    const nodes = [node('id3', 'n3'), node('id1', 'n1'), node('id2', 'n2', 'down'), node('id4', 'n4', 'ready', 'drain'), node('id5', 'n5', 'ready', 'pause')];
    expect(moveTargets(nodes, 'id1')).toEqual([{ id: 'id3', hostname: 'n3', label: 'n3 (2 CPUs, 4.0 GiB)' }]);
  });

  it('is disabled with the reason: a viewer, an operation running, nowhere to go; open when the nodes cannot be listed', () => {
    const targets = [{ id: 'id3', hostname: 'n3', label: 'n3' }];
    expect(moveBlocked({ readOnly: 'viewers cannot change shop', busy: false, targets })).toBe('viewers cannot change shop');
    expect(moveBlocked({ busy: true, targets })).toBe('An operation is running on this VDC');
    expect(moveBlocked({ busy: false, targets: [] })).toBe('No other node is ready and active to move it to');
    expect(moveBlocked({ busy: false, targets })).toBeUndefined();
    expect(moveBlocked({ busy: false, targets: undefined })).toBeUndefined();
  });

  it('asks for the node chosen, or lets Colo pick', () => {
    expect(moveRequest('db', 'n3')).toEqual({ appliance: 'db', node: 'n3' });
    expect(moveRequest('db', '')).toEqual({ appliance: 'db' });
  });
});
