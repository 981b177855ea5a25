import type { ContainerStats } from '@colo/engine';
import { describe, expect, it } from 'vitest';
import { sampleRates } from './sample-rates';

function reading(at: string, over: Partial<ContainerStats> = {}): ContainerStats {
  return {
    readAt: new Date(at),
    cpuNs: 0,
    memoryUsed: 1000,
    memoryLimit: 4000,
    netRxBytes: 0,
    netTxBytes: 0,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    ...over,
  };
}

describe('sampleRates', () => {
  it('gives CPU as a fraction of a core and I/O per second over the time between the readings', () => {
    const previous = reading('2026-12-03T12:00:00Z', { cpuNs: 1e9, netRxBytes: 100, netTxBytes: 50, blockReadBytes: 0, blockWriteBytes: 10 });
    const current = reading('2026-12-03T12:00:10Z', { cpuNs: 6e9, netRxBytes: 10_100, netTxBytes: 2_050, blockReadBytes: 40_960, blockWriteBytes: 10, memoryUsed: 2500 });
    expect(sampleRates(previous, current)).toEqual({
      cpu: 0.5,
      memoryUsed: 2500,
      memoryLimit: 4000,
      netRx: 1000,
      netTx: 200,
      blockRead: 4096,
      blockWrite: 0,
    });
  });

  it('can exceed one core', () => {
    const rates = sampleRates(reading('2026-12-03T12:00:00Z'), reading('2026-12-03T12:00:02Z', { cpuNs: 3e9 }));
    expect(rates?.cpu).toBe(1.5);
  });

  it('tells nothing when the counters went back (a restart) or the readings are too close', () => {
    expect(sampleRates(reading('2026-12-03T12:00:00Z', { cpuNs: 5e9 }), reading('2026-12-03T12:00:10Z', { cpuNs: 1e9 }))).toBeUndefined();
    expect(sampleRates(reading('2026-12-03T12:00:00Z', { netTxBytes: 9 }), reading('2026-12-03T12:00:10Z', { netTxBytes: 0 }))).toBeUndefined();
    expect(sampleRates(reading('2026-12-03T12:00:00.000Z'), reading('2026-12-03T12:00:00.100Z'))).toBeUndefined();
  });
});
