import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { desiredSwarm } from './desired-swarm';
import { choosePinnedNodes, listenerNode, pinGroups } from './placement';
import type { ActualSwarm, SwarmNodeInfo } from './swarm-types';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const node = (i: number, over: Partial<SwarmNodeInfo> = {}): SwarmNodeInfo => ({ id: `node${i}`, hostname: `n${i}`, role: i === 1 ? 'manager' : 'worker', schedulable: true, state: 'ready', availability: 'active', addr: '', ...over });
const shop = () => desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: shopManifest(), config: { instance: 'test' } });

describe('pinning', () => {
  it('pins appliances with instance volumes, and clients of a share beside it, in words', () => {
    const groups = pinGroups(shop());
    expect(groups.map((g) => [g.holder, g.members.map((m) => m.appliance)])).toEqual([
      ['content', ['content', 'web']],
      ['db', ['db']],
    ]);
    const web = groups[0]!.members.find((m) => m.appliance === 'web')!;
    expect(web.reason).toMatch(/mounts content's share, so it runs on content's node/);
    expect(groups[1]!.members[0]!.reason).toBe('holds its volume data (data) on that node');
  });

  it('chooses the ready, active node with the fewest Colo tasks, and keeps failover partners apart', () => {
    const groups = [{ holder: 'a', members: [{ appliance: 'a', reason: '' }] }, { holder: 'b', members: [{ appliance: 'b', reason: '' }] }];
    const nodes = [node(1), node(2, { schedulable: false }), node(3)];
    const tasks = new Map([['node1', 4], ['node3', 1]]);
    const chosen = choosePinnedNodes(groups, { nodes, coloTasksPerNode: tasks, existing: new Map(), replicas: new Map([['a', 5], ['b', 1]]) });
    // a → node3 (1 task, node2 is down); b → node1 (4) rather than node3 (1 + a's 5).
    expect(Object.fromEntries(chosen)).toEqual({ a: 'node3', b: 'node1' });
    const apart = choosePinnedNodes(groups, { nodes: [node(1), node(3)], coloTasksPerNode: new Map(), existing: new Map(), replicas: new Map(), failoverGroups: [['a', 'b']] });
    expect(apart.get('a')).not.toBe(apart.get('b'));
  });

  it('keeps a pin once chosen, even on a node that is down: its data is there', () => {
    const groups = [{ holder: 'db', members: [{ appliance: 'db', reason: '' }] }];
    const chosen = choosePinnedNodes(groups, { nodes: [node(1), node(2, { schedulable: false, state: 'down' })], coloTasksPerNode: new Map(), existing: new Map([['db', 'node2']]), replicas: new Map() });
    expect(chosen.get('db')).toBe('node2');
  });

  it('re-plans keep the pin the services carry', () => {
    const actual: ActualSwarm = { services: [], networks: [], nodes: [node(1), node(2), node(3)], coloTasksPerNode: new Map([['node1', 1]]), managerNodeId: 'node1' };
    const first = desiredSwarm(shop(), actual);
    const db = first.services.find((s) => s.appliance === 'db')!;
    expect(db.spec.TaskTemplate.Placement.Constraints).toEqual([`node.id==${db.placement.nodeId}`]);
    expect(db.spec.Labels['colo.node']).toBe(db.placement.nodeId);
    const moved = { ...actual, coloTasksPerNode: new Map([[db.placement.nodeId!, 50]]), services: [{ id: 'x', version: 1, name: db.name, labels: db.spec.Labels, replicas: 1, spec: db.spec }] };
    expect(desiredSwarm(shop(), moved).services.find((s) => s.appliance === 'db')!.placement.nodeId).toBe(db.placement.nodeId);
  });

  it('puts an edge listener on the chosen node, else where it runs, else the manager', () => {
    expect(listenerNode({ managerNodeId: 'm' })).toBe('m');
    expect(listenerNode({ managerNodeId: 'm', existing: 'e' })).toBe('e');
    expect(listenerNode({ managerNodeId: 'm', existing: 'e', chosen: 'c' })).toBe('c');
  });

  it('says so when a pinned appliance\'s node is down, and keeps it there', () => {
    const actual: ActualSwarm = { services: [], networks: [], nodes: [node(1), node(2), node(3)], coloTasksPerNode: new Map(), managerNodeId: 'node1' };
    const db = desiredSwarm(shop(), actual).services.find((s) => s.appliance === 'db')!;
    const down = { ...actual, nodes: actual.nodes.map((n) => (n.id === db.placement.nodeId ? { ...n, schedulable: false, state: 'down' } : n)), services: [{ id: 'x', version: 1, name: db.name, labels: db.spec.Labels, replicas: 1, spec: db.spec }] };
    const again = desiredSwarm(shop(), down);
    expect(again.services.find((s) => s.appliance === 'db')!.placement.nodeId).toBe(db.placement.nodeId);
    expect(again.notes).toContainEqual(expect.stringMatching(/^db cannot run: its node n\d is down\/active, and its data is there$/));
  });

  it('a move pins the appliance to the node its data was copied to; the others stay where their data is', () => {
    const actual: ActualSwarm = { services: [], networks: [], nodes: [node(1), node(2), node(3)], coloTasksPerNode: new Map(), managerNodeId: 'node1' };
    const db = desiredSwarm(shop(), actual).services.find((s) => s.appliance === 'db')!;
    const placed = { ...actual, services: [{ id: 'x', version: 1, name: db.name, labels: db.spec.Labels, replicas: 1, spec: db.spec }] };
    const other = ['node1', 'node2', 'node3'].find((n) => n !== db.placement.nodeId)!;
    const moved = desiredSwarm(shop(), placed, { pins: { db: other } }).services.find((s) => s.appliance === 'db')!;
    expect(moved.placement.nodeId).toBe(other);
    expect(moved.spec.TaskTemplate.Placement.Constraints).toEqual([`node.id==${other}`]);
    expect(moved.spec.Labels['colo.node']).toBe(other);
    // Without the move, the same swarm keeps it where it is.
    expect(desiredSwarm(shop(), placed).services.find((s) => s.appliance === 'db')!.placement.nodeId).toBe(db.placement.nodeId);
  });
});
