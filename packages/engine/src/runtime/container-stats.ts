// One reading of a container's cumulative counters from Docker's stats API. Read one-shot
// (`stream=false&one-shot=true`): Docker answers at once instead of waiting a second to fill
// `precpu_stats`; rates come from two consecutive readings (the caller keeps the previous one).

/** Cumulative counters of one running container at one moment. */
export interface ContainerStats {
  /** When Docker read the counters. */
  readAt: Date;
  /** CPU time the container used since it started, in nanoseconds. */
  cpuNs: number;
  /** Memory in use without the page cache the kernel may drop (what `docker stats` shows). */
  memoryUsed: number;
  /** The container's memory limit (the host's memory when it has none). */
  memoryLimit: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** The part of Docker's stats answer read here (cgroup v1 and v2). */
export interface DockerStatsAnswer {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
}

/** undefined when the answer holds no reading (a stopped container answers with zeroes). */
export function toContainerStats(answer: DockerStatsAnswer): ContainerStats | undefined {
  const readAt = answer.read ? new Date(answer.read) : undefined;
  const cpuNs = answer.cpu_stats?.cpu_usage?.total_usage;
  // A container that is not running reads as the zero time and no CPU counter.
  if (!readAt || Number.isNaN(readAt.getTime()) || readAt.getTime() <= 0 || !cpuNs) return undefined;
  const memory = answer.memory_stats ?? {};
  // cgroup v2 names it inactive_file, v1 total_inactive_file: reclaimable cache, not use.
  const cache = memory.stats?.inactive_file ?? memory.stats?.total_inactive_file ?? 0;
  const usage = memory.usage ?? 0;
  let netRxBytes = 0;
  let netTxBytes = 0;
  for (const n of Object.values(answer.networks ?? {})) {
    netRxBytes += n.rx_bytes ?? 0;
    netTxBytes += n.tx_bytes ?? 0;
  }
  let blockReadBytes = 0;
  let blockWriteBytes = 0;
  for (const entry of answer.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blockReadBytes += entry.value ?? 0;
    else if (op === 'write') blockWriteBytes += entry.value ?? 0;
  }
  return {
    readAt,
    cpuNs,
    memoryUsed: Math.max(0, usage - (cache < usage ? cache : 0)),
    memoryLimit: memory.limit ?? 0,
    netRxBytes,
    netTxBytes,
    blockReadBytes,
    blockWriteBytes,
  };
}
