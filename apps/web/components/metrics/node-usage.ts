// What the canvas gauges show: the newest sample of each appliance (its replicas summed), laid
// over the editor's live states; and the gauge's shares of the appliance's CPU and memory.
import type { VdcMetrics } from '@colo/api';
import type { NodeLive, NodeUsage } from '../deploy/types';

/** A sample older than this says nothing about now (the VDC stopped, the worker is down). */
const FRESH_MS = 60_000;

export function usageByAppliance(metrics: VdcMetrics | undefined, now: number): Map<string, NodeUsage> {
  const out = new Map<string, NodeUsage>();
  for (const a of metrics?.appliances ?? []) {
    const last = a.points.at(-1);
    if (!last || now - last.t > FRESH_MS) continue;
    out.set(a.name, { cpu: last.cpu, memoryUsed: last.memoryUsed, memoryLimit: last.memoryLimit });
  }
  return out;
}

/** The live map with each running appliance's usage added (a new object only where it changed). */
export function withUsage(nodes: Record<string, NodeLive>, usage: Map<string, NodeUsage>): Record<string, NodeLive> {
  if (usage.size === 0) return nodes;
  const out = { ...nodes };
  for (const [name, u] of usage) {
    const live = out[name];
    if (live && live.running > 0) out[name] = { ...live, usage: u };
  }
  return out;
}

/** Fractions (0…1) of what the appliance may use: CPU against cores × running replicas. */
export function usageShares(usage: NodeUsage, coresPerReplica: number, running: number): { cpu: number; memory: number } {
  const cores = coresPerReplica * Math.max(1, running);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  return { cpu: clamp(usage.cpu / cores), memory: clamp(usage.memoryLimit > 0 ? usage.memoryUsed / usage.memoryLimit : 0) };
}
