import { describe, expect, it } from 'vitest';
import type { VdcStatusBody } from '@/components/deploy';
import { pinnedLine, vdcMoveBlocked, vdcMoveRequest, vdcMoveView } from './vdc-move';

const vdc = { id: 'vdc_1', name: 'lamp', state: 'running', revision: 1, deployedRevisionId: null, busy: false };
type Data = { nodeId: string; hostname: string; lost: boolean; reason?: string };
const appliance = (name: string, opts: { data?: Data; node?: string } = {}) => ({
  name,
  class: 'postgres',
  replicas: { desired: 1, running: 1 },
  state: 'running',
  containers: [{ id: `c-${name}`, name: `${name}-1`, replica: 1, state: 'running', health: 'healthy', ports: [], ...(opts.node ? { node: opts.node } : {}) }],
  ...(opts.data ? { data: opts.data } : {}),
});
const status = (...appliances: ReturnType<typeof appliance>[]) => ({ vdc, appliances, edge: [] }) as unknown as VdcStatusBody;

const swarmLamp = status(
  appliance('web', { node: 'n1' }),
  appliance('files', { node: 'n3', data: { nodeId: 'id3', hostname: 'n3', lost: false } }),
  appliance('db', { data: { nodeId: 'id2', hostname: 'n2', lost: true, reason: 'down' } }),
);

describe('the VDC-level move', () => {
  it('is offered on a swarm only, listing the appliances pinned by their data', () => {
    expect(vdcMoveView(swarmLamp)).toEqual({
      swarm: true,
      pinned: [
        { appliance: 'db', hostname: 'n2', lost: true, reason: 'down' },
        { appliance: 'files', hostname: 'n3', lost: false },
      ],
    });
    // One host: no replica names a node, nothing is pinned.
    expect(vdcMoveView(status(appliance('web'), appliance('db')))).toEqual({ swarm: false, pinned: [] });
    // A swarm VDC with nothing stateful is still a swarm VDC (the action says why it is idle).
    expect(vdcMoveView(status(appliance('web', { node: 'n1' })))).toEqual({ swarm: true, pinned: [] });
    expect(vdcMoveView(undefined)).toEqual({ swarm: false, pinned: [] });
  });

  it('says how each pinned appliance gets there: live, or from a snapshot when its node is lost', () => {
    expect(pinnedLine({ appliance: 'files', hostname: 'n3', lost: false })).toBe('files: on n3, copied live');
    expect(pinnedLine({ appliance: 'db', hostname: 'n2', lost: true, reason: 'down' })).toBe('db: on n2, which is down: restored from the newest snapshot holding its data');
    // A drained node still answers: copied live, as the move runner does.
    expect(pinnedLine({ appliance: 'db', hostname: 'n2', lost: true, reason: 'drained' })).toBe('db: on n2, copied live');
  });

  it('is blocked for a viewer, while an operation runs, with nothing pinned or no node to go to', () => {
    const view = vdcMoveView(swarmLamp);
    const base = { vdcName: 'lamp', busy: false, view, targets: undefined };
    expect(vdcMoveBlocked(base)).toBeUndefined();
    expect(vdcMoveBlocked({ ...base, targets: [{ id: 'id4', hostname: 'n4', label: 'n4' }] })).toBeUndefined();
    expect(vdcMoveBlocked({ ...base, readOnly: 'you are a viewer of team acme', busy: true })).toBe('viewers cannot move: you are a viewer of team acme');
    expect(vdcMoveBlocked({ ...base, busy: true })).toBe('An operation is running on this VDC');
    expect(vdcMoveBlocked({ ...base, view: { swarm: true, pinned: [] } })).toBe('Nothing of lamp keeps data on a node: Swarm runs it on any node already');
    expect(vdcMoveBlocked({ ...base, targets: [] })).toBe('No node is ready and active to move it to');
  });

  it('posts only the node (or nothing, for Colo to pick): never an appliance', () => {
    expect(vdcMoveRequest('n3')).toEqual({ node: 'n3' });
    expect(vdcMoveRequest('')).toEqual({});
  });
});
