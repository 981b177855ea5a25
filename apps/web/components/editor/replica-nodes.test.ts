import { describe, expect, it } from 'vitest';
import type { VdcStatusBody } from '@/components/deploy';
import { replicaNodesOf } from './replica-nodes';

const vdc = { id: 'vdc_1', name: 'x', state: 'running', revision: 1, deployedRevisionId: null, busy: false };
const container = (replica: number, node?: string) => ({ id: `t${replica}`, name: `web.${replica}`, replica, state: 'running', health: 'healthy', ports: [], ...(node ? { node } : {}) });

describe('where each replica runs, from the live status', () => {
  it('lists a swarm appliance\'s replicas with their nodes, in replica order', () => {
    const status = {
      vdc,
      appliances: [
        { name: 'web', class: 'web-php', replicas: { desired: 3, running: 3 }, state: 'running', containers: [container(3, 'n3'), container(1, 'n1'), container(2, 'n2')] },
        { name: 'db', class: 'postgres', replicas: { desired: 1, running: 1 }, state: 'running', containers: [container(1, 'n2')] },
      ],
      edge: [],
    } as VdcStatusBody;
    expect(replicaNodesOf(status)).toEqual({
      web: [
        { replica: 1, node: 'n1', state: 'running' },
        { replica: 2, node: 'n2', state: 'running' },
        { replica: 3, node: 'n3', state: 'running' },
      ],
      db: [{ replica: 1, node: 'n2', state: 'running' }],
    });
  });

  it('is empty on a single host (no node in the status) and before any status', () => {
    const status = { vdc, appliances: [{ name: 'web', class: 'web-php', replicas: { desired: 1, running: 1 }, state: 'running', containers: [container(1)] }], edge: [] } as VdcStatusBody;
    expect(replicaNodesOf(status)).toEqual({});
    expect(replicaNodesOf(undefined)).toEqual({});
  });
});
