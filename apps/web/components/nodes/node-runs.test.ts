import { describe, expect, it } from 'vitest';
import { formatCpus, runsByVdc } from './node-runs';

const task = (slot: number, state = 'running') => ({ id: `t${slot}`, slot, state });

describe("a node's runs on the page", () => {
  it('groups Colo appliances per VDC and counts other services apart', () => {
    const grouped = runsByVdc([
      { service: 'colo-shop-web', colo: true, vdc: 'vdc_1', vdcName: 'shop', appliance: 'web', pinned: false, tasks: [task(1), task(2, 'starting')] },
      { service: 'portainer', colo: false, pinned: false, tasks: [task(1)] },
      { service: 'colo-x-db', colo: true, vdc: 'vdc_9', appliance: 'db', pinned: true, tasks: [task(1)] },
      { service: 'colo-shop-db', colo: true, vdc: 'vdc_1', vdcName: 'shop', appliance: 'db', pinned: true, tasks: [task(1)] },
    ]);
    expect(grouped.others).toEqual(['portainer']);
    expect(grouped.vdcs.map((v) => [v.vdc, v.known, v.appliances.map((a) => [a.appliance, a.tasks.length, a.pinned])])).toEqual([
      ['shop', true, [['db', 1, true], ['web', 2, false]]],
      ['vdc_9', false, [['db', 1, true]]],
    ]);
  });

  it('writes CPUs for a person', () => {
    expect(formatCpus(2)).toBe('2 CPUs');
    expect(formatCpus(1)).toBe('1 CPU');
  });
});
