import { describe, expect, it } from 'vitest';
import { toContainerStats } from './container-stats';

describe('toContainerStats', () => {
  it('reads cgroup v2 counters: memory without inactive file cache, every network, lower-case block ops', () => {
    const stats = toContainerStats({
      read: '2026-12-03T12:00:00.5Z',
      cpu_stats: { cpu_usage: { total_usage: 5_000_000 } },
      memory_stats: { usage: 10_000, limit: 1_000_000, stats: { inactive_file: 4_000 } },
      networks: { eth0: { rx_bytes: 100, tx_bytes: 50 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 7 }, { op: 'write', value: 9 }, { op: 'read', value: 3 }] },
    });
    expect(stats).toEqual({
      readAt: new Date('2026-12-03T12:00:00.5Z'),
      cpuNs: 5_000_000,
      memoryUsed: 6_000,
      memoryLimit: 1_000_000,
      netRxBytes: 101,
      netTxBytes: 52,
      blockReadBytes: 10,
      blockWriteBytes: 9,
    });
  });

  it('reads cgroup v1 names (total_inactive_file, Read/Write ops)', () => {
    const stats = toContainerStats({
      read: '2026-12-03T12:00:00Z',
      cpu_stats: { cpu_usage: { total_usage: 1 } },
      memory_stats: { usage: 500, limit: 900, stats: { total_inactive_file: 100 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 4 }, { op: 'Write', value: 6 }, { op: 'Total', value: 10 }] },
    });
    expect(stats).toMatchObject({ memoryUsed: 400, blockReadBytes: 4, blockWriteBytes: 6, netRxBytes: 0 });
  });

  it('has no reading for a stopped container (zero time, no CPU counter)', () => {
    expect(toContainerStats({ read: '0001-01-01T00:00:00Z', cpu_stats: { cpu_usage: {} }, memory_stats: {} })).toBeUndefined();
    expect(toContainerStats({})).toBeUndefined();
  });
});
