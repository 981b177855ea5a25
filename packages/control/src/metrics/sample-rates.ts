// From two consecutive readings of a container's cumulative counters to what one sample stores:
// CPU as a fraction of one core and network / block I/O as bytes per second over the time
// between them (Docker's own read times, not the sampler's), memory as read.
import type { ContainerStats } from '@colo/engine';

export interface MetricValues {
  /** Fraction of one core (2 = two cores busy). */
  cpu: number;
  memoryUsed: number;
  memoryLimit: number;
  /** Bytes per second. */
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
}

/** Shorter than this between readings and the rates are mostly noise: no sample. */
const MIN_SPAN_MS = 200;

/**
 * undefined when no rate can be told: readings too close together, or counters that went back
 * (the container restarted between them, and its counters started again).
 */
export function sampleRates(previous: ContainerStats, current: ContainerStats): MetricValues | undefined {
  const spanMs = current.readAt.getTime() - previous.readAt.getTime();
  if (spanMs < MIN_SPAN_MS) return undefined;
  const seconds = spanMs / 1000;
  const deltas = {
    cpu: current.cpuNs - previous.cpuNs,
    netRx: current.netRxBytes - previous.netRxBytes,
    netTx: current.netTxBytes - previous.netTxBytes,
    blockRead: current.blockReadBytes - previous.blockReadBytes,
    blockWrite: current.blockWriteBytes - previous.blockWriteBytes,
  };
  if (Object.values(deltas).some((d) => d < 0)) return undefined;
  return {
    cpu: deltas.cpu / 1e9 / seconds,
    memoryUsed: current.memoryUsed,
    memoryLimit: current.memoryLimit,
    netRx: deltas.netRx / seconds,
    netTx: deltas.netTx / seconds,
    blockRead: deltas.blockRead / seconds,
    blockWrite: deltas.blockWrite / seconds,
  };
}
