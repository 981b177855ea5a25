// Which replica a container or a swarm task is, and which one a terminal opens (pure: no engine).
import type { SwarmTaskInfo } from '@colo/engine';
import { describe, expect, it } from 'vitest';
import { sampledNodeIds } from './replica-location';
import { chooseReplica, replicaOf, SWARM_TASK_NAME_LABEL, taskCandidates, toSwarmTask } from './swarm-replicas';

const task = (id: string, slot: number, state: string, o: { node?: string; container?: string; desired?: string } = {}): SwarmTaskInfo => ({
  ID: id,
  ServiceID: 'svc1',
  Slot: slot,
  ...(o.node === '' ? {} : { NodeID: o.node ?? `node-${slot}` }),
  DesiredState: o.desired ?? 'running',
  Status: { State: state, ...(o.container === undefined ? {} : { ContainerStatus: { ContainerID: o.container } }) },
  Spec: {},
});

describe('replicaOf', () => {
  it("reads a single host's replica label", () => {
    expect(replicaOf({ 'colo.replica': '2' })).toBe(2);
  });

  it("reads a swarm task's slot from its task name (the service's replicas share one set of labels)", () => {
    expect(replicaOf({ [SWARM_TASK_NAME_LABEL]: 'colo-shop-ab12cd-web.3.k9y2m1x0q8w7e6r5t4y3u2i1o' })).toBe(3);
    expect(replicaOf({ [SWARM_TASK_NAME_LABEL]: 'colo-shop.v2-ab12cd-web.12.abc' })).toBe(12);
  });

  it('says nothing of a container that is no replica (a global task, a plain container without the label)', () => {
    expect(replicaOf({})).toBeUndefined();
    expect(replicaOf({ [SWARM_TASK_NAME_LABEL]: 'colo-x-node-agent.n1abc.t2def' })).toBeUndefined();
    expect(replicaOf({ 'colo.replica': 'x' })).toBeUndefined();
  });
});

describe('toSwarmTask and taskCandidates', () => {
  it('takes node, slot and container id from the manager, and leaves out a task not placed yet', () => {
    expect(toSwarmTask(task('t1', 2, 'running', { container: 'c1' }))).toEqual({ id: 't1', serviceId: 'svc1', slot: 2, nodeId: 'node-2', containerId: 'c1', state: 'running' });
    expect(toSwarmTask(task('t2', 1, 'pending', { node: '' }))).toBeUndefined();
  });

  it('keeps per slot the running task with its container, else the one Swarm is starting; a task being shut down is none', () => {
    const got = taskCandidates([
      task('old', 1, 'running', { container: 'c-old', desired: 'shutdown' }),
      task('t1', 1, 'running', { container: 'c1' }),
      task('t2', 2, 'starting'),
      task('t3', 3, 'running'),
    ]);
    expect(got.map((c) => [c.replica, c.state, c.task.id])).toEqual([
      [1, 'running', 't1'],
      [2, 'starting', 't2'],
      // Running without a container id yet: not reachable, so still starting.
      [3, 'starting', 't3'],
    ]);
    expect(got[2]?.task.containerId).toBeUndefined();
  });
});

describe('chooseReplica', () => {
  const where = 'web in VDC "shop"';
  const replicas = [
    { replica: 3, state: 'running' },
    { replica: 1, state: 'exited' },
    { replica: 2, state: 'running' },
  ];

  it('opens the replica asked for, else the lowest running one', () => {
    expect(chooseReplica(replicas, 3, where).replica).toBe(3);
    expect(chooseReplica(replicas, undefined, where).replica).toBe(2);
  });

  it('refuses in words: nothing deployed, no such replica, not running, none running', () => {
    expect(() => chooseReplica([], 1, where)).toThrow('web in VDC "shop" has no containers: deploy it first');
    expect(() => chooseReplica(replicas, 4, where)).toThrow('web in VDC "shop" has no replica 4 (it has 1, 2, 3)');
    expect(() => chooseReplica(replicas, 1, where)).toThrow('replica 1 of web in VDC "shop" is exited, not running: start it first');
    expect(() => chooseReplica([{ replica: 1, state: 'starting' }], undefined, where)).toThrow('no replica of web in VDC "shop" is running: start it first');
  });
});

describe('sampledNodeIds', () => {
  const node = (id: string, state: string, availability: string) => ({ ID: id, Description: { Hostname: id }, Spec: { Role: 'worker', Availability: availability }, Status: { State: state } });

  it('reads ready, undrained nodes, and the manager Colo talks to whatever its state', () => {
    const nodes = [node('m', 'ready', 'drain'), node('a', 'ready', 'active'), node('b', 'down', 'active'), node('c', 'ready', 'drain'), node('d', 'ready', 'pause')];
    expect(sampledNodeIds(nodes, 'm')).toEqual(['m', 'a', 'd']);
  });
});
