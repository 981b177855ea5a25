import { describe, expect, it } from 'vitest';
import { pickTask, type SwarmTask } from './locate-task';

const tasks: SwarmTask[] = [
  { id: 't1', serviceId: 'web', slot: 1, nodeId: 'n1', containerId: 'aaaaaaaaaaaa1111', state: 'running' },
  { id: 't2old', serviceId: 'web', slot: 2, nodeId: 'n2', containerId: 'bbbbbbbbbbbb2222', state: 'shutdown' },
  { id: 't2', serviceId: 'web', slot: 2, nodeId: 'n3', containerId: 'cccccccccccc3333', state: 'running' },
  { id: 't3', serviceId: 'web', slot: 3, nodeId: 'n2', state: 'pending' },
];

describe('pickTask', () => {
  it('finds a container by its id or a 12-character prefix, never a shorter one', () => {
    expect(pickTask(tasks, { container: 'cccccccccccc3333' })?.nodeId).toBe('n3');
    expect(pickTask(tasks, { container: 'aaaaaaaaaaaa' })?.nodeId).toBe('n1');
    expect(pickTask(tasks, { container: 'aaaa' })).toBeUndefined();
    expect(pickTask(tasks, { container: 'dddddddddddd' })).toBeUndefined();
  });

  it('finds a replica by slot, preferring the running task over an older one', () => {
    expect(pickTask(tasks, { service: 'web', slot: 2 })?.id).toBe('t2');
    expect(pickTask(tasks, { service: 'web', slot: 3 })?.state).toBe('pending');
    expect(pickTask(tasks, { service: 'web', slot: 9 })).toBeUndefined();
    expect(pickTask(tasks, { service: 'web' })?.id).toBe('t1');
  });
});
