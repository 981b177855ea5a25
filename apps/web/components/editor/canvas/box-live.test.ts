import { describe, expect, it } from 'vitest';
import type { VdcStatusBody } from '@/components/deploy';
import { boxLive, boxMembers, withBoxLive } from './box-live';

const status = {
  vdc: { id: 'vdc_1', name: 'x', state: 'running', revision: 1, deployedRevisionId: null, busy: false },
  appliances: [
    { name: 'shop-lb', class: 'halb@1', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], assembly: 'shop' },
    { name: 'shop-web', class: 'web-static@1', replicas: { desired: 2, running: 1 }, state: 'running', containers: [], assembly: 'shop' },
    { name: 'db', class: 'postgres@1', replicas: { desired: 1, running: 1 }, state: 'running', containers: [] },
  ],
  edge: [],
} as VdcStatusBody;

describe('a box live state from its expanded appliances', () => {
  it('is healthy only when every appliance is, with summed replica counts', () => {
    const members = boxMembers(status, {
      'shop-lb': { state: 'healthy', running: 1, desired: 1 },
      'shop-web': { state: 'healthy', running: 2, desired: 2 },
    });
    expect([...members.keys()]).toEqual(['shop']);
    expect(boxLive(members.get('shop')!)).toEqual({ state: 'healthy', running: 3, desired: 3 });
  });

  it('is failed, naming the appliance inside and its reason, when the last operation failed on one', () => {
    const nodes = {
      'shop-lb': { state: 'failed' as const, running: 1, desired: 1, reason: 'Port 8080 is in use by another program on this machine' },
      'shop-web': { state: 'healthy' as const, running: 2, desired: 2 },
    };
    expect(withBoxLive(nodes, boxMembers(status, nodes)).shop).toEqual({ state: 'failed', running: 3, desired: 3, reason: 'shop-lb: Port 8080 is in use by another program on this machine' });
  });

  it('is degraded (unhealthy, with counts) when some are not', () => {
    const nodes = { 'shop-lb': { state: 'healthy' as const, running: 1, desired: 1 }, 'shop-web': { state: 'unhealthy' as const, running: 1, desired: 2 } };
    const live = withBoxLive(nodes, boxMembers(status, nodes));
    expect(live.shop).toMatchObject({ state: 'unhealthy', running: 2, desired: 3 });
    expect(live.shop.reason).toContain('1 of 2 appliances healthy');
    expect(live['shop-web']).toBe(nodes['shop-web']);
  });

  it('says stopped or absent when all are, and nothing without status', () => {
    const stopped = { state: 'stopped' as const, running: 0, desired: 1 };
    expect(boxLive([{ name: 'a', live: stopped }, { name: 'b', live: stopped }])?.state).toBe('stopped');
    expect(boxMembers(undefined, {}).size).toBe(0);
  });
});
