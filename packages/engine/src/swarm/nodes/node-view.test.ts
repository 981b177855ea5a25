import { describe, expect, it } from 'vitest';
import { findNode, pinnedTo, runsByNode, toClusterNode } from './node-view';

const nodes = [
  { ID: 'aaa111', Description: { Hostname: 'n1', Resources: { NanoCPUs: 2e9, MemoryBytes: 4096 } }, Spec: { Role: 'manager', Availability: 'active' }, Status: { State: 'ready', Addr: '10.0.0.1' } },
  { ID: 'aab222', Description: { Hostname: 'n2' }, Spec: { Role: 'worker', Availability: 'drain', Labels: { zone: 'a' } }, Status: { State: 'disconnected' } },
];
const services = [
  { ID: 's1', Spec: { Name: 'colo-x-web', Labels: { 'colo.managed': 'true', 'colo.vdc': 'v1', 'colo.appliance': 'web' } } },
  { ID: 's2', Spec: { Name: 'colo-x-db', Labels: { 'colo.managed': 'true', 'colo.vdc': 'v1', 'colo.appliance': 'db' }, TaskTemplate: { Placement: { Constraints: ['node.id == aab222'] } } } },
  { ID: 's3', Spec: { Name: 'other' } },
];
const tasks = [
  { ID: 't2', ServiceID: 's1', NodeID: 'aaa111', Slot: 2, DesiredState: 'running', Status: { State: 'running' } },
  { ID: 't1', ServiceID: 's1', NodeID: 'aaa111', Slot: 1, DesiredState: 'running', Status: { State: 'starting' } },
  { ID: 't3', ServiceID: 's2', NodeID: 'aab222', Slot: 1, DesiredState: 'running', Status: { State: 'running' } },
  { ID: 't4', ServiceID: 's3', NodeID: 'aab222', DesiredState: 'running', Status: { State: 'running' } },
  { ID: 't5', ServiceID: 's1', NodeID: 'aab222', DesiredState: 'shutdown', Status: { State: 'shutdown' } },
];

describe("a node's view", () => {
  it('groups tasks meant to run by service, Colo first, and tells which are pinned', () => {
    const runs = runsByNode(nodes, tasks, services);
    expect(runs.get('aaa111')).toEqual([
      { service: 'colo-x-web', colo: true, instance: undefined, vdc: 'v1', appliance: 'web', pinned: false, tasks: [{ id: 't1', slot: 1, state: 'starting' }, { id: 't2', slot: 2, state: 'running' }] },
    ]);
    expect(runs.get('aab222')?.map((r) => [r.service, r.colo, r.pinned])).toEqual([['colo-x-db', true, true], ['other', false, false]]);
  });

  it('maps state, role, availability and resources', () => {
    const [first, second] = nodes.map((n) => toClusterNode(n, []));
    expect(first).toMatchObject({ hostname: 'n1', role: 'manager', state: 'ready', availability: 'active', cpus: 2, memoryBytes: 4096, address: '10.0.0.1' });
    expect(second).toMatchObject({ hostname: 'n2', role: 'worker', state: 'down', availability: 'drain', labels: { zone: 'a' } });
  });

  it('finds a node by id, hostname or a unique prefix', () => {
    const list = nodes.map((n) => toClusterNode(n, []));
    expect(findNode(list, 'n2')?.valueOf()).toMatchObject({ id: 'aab222' });
    expect(findNode(list, 'aab')).toMatchObject({ id: 'aab222' });
    expect(findNode(list, 'aa1')).toBeUndefined();
    expect(findNode(list, 'aa')).toBeUndefined();
    expect(findNode([...list, { ...list[1], id: 'aab333', hostname: 'n3' } as (typeof list)[number]], 'aab')).toBe('ambiguous');
    expect(pinnedTo(services[1] as never, { id: 'aab222', hostname: 'n2' })).toBe(true);
  });
});
