import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { isEngineError } from '../../engine-error';
import { desiredSwarm } from '../deploy/desired-swarm';
import type { ActualSwarm } from '../deploy/swarm-types';
import { groupConstraints } from './group-constraints';
import { swarmPlacement } from './manifest-placement';
import { listenerNodeId, matchNodes, type PlacementNode, selectorConstraint } from './node-selector';

const node = (i: number, over: Partial<PlacementNode> = {}): PlacementNode => ({
  id: `node${i}`,
  hostname: `n${i}`,
  role: i === 1 ? 'manager' : 'worker',
  schedulable: true,
  state: 'ready',
  availability: 'active',
  addr: '',
  labels: {},
  ...over,
});
const nodes = [node(1), node(2, { labels: { zone: 'b' } }), node(3, { labels: { zone: 'b', disk: 'ssd' } })];

describe('node choices', () => {
  it('match a hostname or a label, and say it as a Swarm constraint', () => {
    expect(matchNodes('n2', nodes).map((n) => n.id)).toEqual(['node2']);
    expect(matchNodes('label:zone=b', nodes).map((n) => n.id)).toEqual(['node2', 'node3']);
    expect(matchNodes('label:zone=c', nodes)).toEqual([]);
    expect(selectorConstraint('n2')).toBe('node.hostname==n2');
    expect(selectorConstraint('label:disk=ssd')).toBe('node.labels.disk==ssd');
  });

  it('put a listener on a node id as given, else the first ready node matching, and refuse a choice no node matches', () => {
    expect(listenerNodeId(8080, 'node3', nodes)).toBe('node3');
    expect(listenerNodeId(8080, 'n3', nodes)).toBe('node3');
    const down = [node(1), node(2, { labels: { zone: 'b' }, schedulable: false }), node(3, { labels: { zone: 'b' } })];
    expect(listenerNodeId(8080, 'label:zone=b', down)).toBe('node3');
    let error: unknown;
    try {
      listenerNodeId(8080, 'label:zone=x', nodes);
    } catch (e) {
      error = e;
    }
    expect(isEngineError(error) && error.code).toBe('conflict');
    expect((error as Error).message).toBe('port 8080 is to be published on node "label:zone=x", and no node of the swarm matches it (nodes: n1, n2, n3)');
  });
});

describe('failover groups of unpinned appliances', () => {
  const member = (appliance: string, over: Partial<Parameters<typeof groupConstraints>[1] extends ReadonlyMap<string, infer M> ? M : never> = {}) => ({ appliance, replicas: 1, runningOn: [], ...over });

  it('keep later members off the nodes of earlier ones: pinned first, then by name', () => {
    const members = new Map([
      ['db', member('db', { pinnedNode: 'node1' })],
      ['b', member('b', { runningOn: ['node2'] })],
      ['a', member('a', { runningOn: ['node1'] })],
    ]);
    const { constraints, notes } = groupConstraints([['a', 'b', 'db']], members, nodes);
    // a shares db's node: kept off it (and placed anew); b runs apart already and is left there.
    expect(Object.fromEntries(constraints)).toEqual({ a: ['node.id!=node1'] });
    expect(notes).toEqual(['a kept off n1 (failover group with b, db)', 'b: a not placed yet, so not yet kept apart from it (the next deploy does)']);
  });

  it('leave a member running apart as it is, its constraints kept (a changed one would start it again elsewhere)', () => {
    const members = new Map([
      ['a', member('a', { runningOn: ['node1'] })],
      ['b', member('b', { runningOn: ['node2'], currentConstraints: ['node.id!=node1', 'node.hostname==n2'] })],
      ['c', member('c', { runningOn: ['node3'], currentConstraints: ['node.id!=node1', 'node.id!=node2'] })],
    ]);
    const { constraints, notes } = groupConstraints([['a', 'b', 'c']], members, nodes);
    expect(Object.fromEntries(constraints)).toEqual({ b: ['node.id!=node1'], c: ['node.id!=node1', 'node.id!=node2'] });
    expect(notes).toEqual([]);
  });

  it('keep a new member off the nodes of the running ones', () => {
    const members = new Map([
      ['a', member('a', { runningOn: ['node1'] })],
      ['b', member('b', { runningOn: ['node2'] })],
      ['c', member('c')],
    ]);
    expect(Object.fromEntries(groupConstraints([['a', 'b', 'c']], members, nodes).constraints)).toEqual({ c: ['node.id!=node1', 'node.id!=node2'] });
  });

  it('drop the constraint, and say so, when too few nodes would remain for the replicas', () => {
    const members = new Map([
      ['db', member('db', { pinnedNode: 'node1' })],
      ['web', member('web', { replicas: 3 })],
    ]);
    const { constraints, notes } = groupConstraints([['db', 'web']], members, nodes);
    expect(constraints.size).toBe(0);
    expect(notes).toEqual(['web may share a node with db: 2 ready node(s) left for its 3 replica(s) (failover group needs more nodes)']);
  });

  it('say when an earlier member is not running yet, and stay within the member\'s node choice', () => {
    const members = new Map([
      ['a', member('a')],
      ['b', member('b', { runningOn: ['node2'] })],
      ['c', member('c', { nodeChoice: 'label:zone=b' })],
    ]);
    const { constraints, notes } = groupConstraints([['a', 'b', 'c']], members, nodes);
    expect(Object.fromEntries(constraints)).toEqual({ c: ['node.id!=node2'] });
    expect(notes).toContain('b: a not placed yet, so not yet kept apart from it (the next deploy does)');
  });
});

describe('the manifest placement fed to the swarm deployer', () => {
  const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
  const manifest = () => {
    const m = shopManifest();
    m.appliances[0]!.expose = [{ terminal: 'in', port: 18080, node: 'n3' }];
    m.appliances[0]!.placement = { group: 'front', node: 'label:zone=b' };
    m.appliances[4]!.placement = { group: 'front' };
    m.appliances[2]!.placement = { node: 'label:disk=ssd' };
    return m;
  };
  const actual: ActualSwarm = { services: [], networks: [], nodes, coloTasksPerNode: new Map(), managerNodeId: 'node1' };
  const desired = () => desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: manifest(), config: { instance: 'test' } });

  it('reads groups, node choices and listener nodes from a resolved manifest', () => {
    expect(swarmPlacement(manifest())).toEqual({ failoverGroups: [['lb', 'stats']], applianceNodes: { lb: 'label:zone=b', db: 'label:disk=ssd' }, listenerNodes: { 18080: 'n3' } });
  });

  it('constrains, pins and publishes where the manifest says; nothing changes without it', () => {
    const placement = swarmPlacement(manifest());
    const running = { ...actual, serviceNodes: new Map([['colo-shop-k3j9x2-lb', ['node2']]]) };
    const swarm = desiredSwarm(desired(), running, placement);
    const of = (a: string) => swarm.services.find((s) => s.appliance === a && s.kind === 'appliance')!;
    expect(of('lb').spec.TaskTemplate.Placement.Constraints).toEqual(['node.labels.zone==b']);
    expect(of('stats').spec.TaskTemplate.Placement.Constraints).toEqual(['node.id!=node2']);
    expect(of('db').placement.nodeId).toBe('node3');
    expect(swarm.services.find((s) => s.kind === 'listener')!.placement.nodeId).toBe('node3');
    expect(swarm.notes).toContain('stats kept off n2 (failover group with lb)');

    const plain = desiredSwarm(desired(), actual);
    expect(plain.services.find((s) => s.appliance === 'stats')!.spec.TaskTemplate.Placement.Constraints).toEqual([]);
    expect(plain.services.find((s) => s.kind === 'listener')!.placement.nodeId).toBe('node1');
  });

  it('keeps a pinned appliance where its data is when its node choice changes, and says so', () => {
    const first = desiredSwarm(desired(), actual, swarmPlacement(manifest()));
    const db = first.services.find((s) => s.appliance === 'db')!;
    const placed = { ...actual, services: [{ id: 'x', version: 1, name: db.name, labels: db.spec.Labels, replicas: 1, spec: db.spec }] };
    const moved = { ...swarmPlacement(manifest()), applianceNodes: { db: 'n2' } };
    const again = desiredSwarm(desired(), placed, moved);
    expect(again.services.find((s) => s.appliance === 'db')!.placement.nodeId).toBe('node3');
    expect(again.notes).toContain('db stays on n3, not on node "n2": its data is there (migrate it to move it)');
  });
});
