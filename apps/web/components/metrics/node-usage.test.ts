import type { VdcMetrics } from '@colo/api';
import { describe, expect, it } from 'vitest';
import { usageByAppliance, usageShares, withUsage } from './node-usage';

const point = (t: number, cpu: number) => ({ t, cpu, cpuMax: cpu, memoryUsed: 50, memoryMax: 50, memoryLimit: 200, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0 });

describe('canvas usage', () => {
  const now = 1_000_000;
  const metrics = {
    vdc: 'shop',
    range: '15m',
    resolution: 0,
    from: '',
    to: '',
    appliances: [
      { name: 'web', points: [point(now - 20_000, 0.1), point(now - 10_000, 0.6)], replicas: [] },
      { name: 'old', points: [point(now - 120_000, 0.5)], replicas: [] },
    ],
  } as VdcMetrics;

  it('takes the newest fresh sample of each appliance and lays it on running appliances only', () => {
    const usage = usageByAppliance(metrics, now);
    expect([...usage.keys()]).toEqual(['web']);
    expect(usage.get('web')).toEqual({ cpu: 0.6, memoryUsed: 50, memoryLimit: 200 });
    const live = withUsage({ web: { state: 'healthy', running: 2, desired: 2 }, db: { state: 'stopped', running: 0, desired: 1 } }, usage);
    expect(live.web?.usage?.cpu).toBe(0.6);
    expect(live.db?.usage).toBeUndefined();
  });

  it('gives CPU against cores × running replicas and memory against the limit, within 0…1', () => {
    expect(usageShares({ cpu: 0.6, memoryUsed: 50, memoryLimit: 200 }, 0.5, 2)).toEqual({ cpu: 0.6, memory: 0.25 });
    expect(usageShares({ cpu: 3, memoryUsed: 1, memoryLimit: 0 }, 1, 1)).toEqual({ cpu: 1, memory: 0 });
  });
});
