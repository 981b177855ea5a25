'use client';
// The editor's live states with what each running appliance uses now (the canvas gauges):
// metrics are polled only while something of the VDC runs.
import { useMemo } from 'react';
import type { NodeLive } from '../deploy/types';
import { usageByAppliance, withUsage } from './node-usage';
import { useVdcMetrics } from './use-vdc-metrics';

export function useNodeUsage(vdcName: string, nodes: Record<string, NodeLive>): Record<string, NodeLive> {
  const running = Object.values(nodes).some((n) => n.running > 0);
  const { metrics } = useVdcMetrics(vdcName, { range: '15m', enabled: running });
  return useMemo(() => (running ? withUsage(nodes, usageByAppliance(metrics, Date.now())) : nodes), [nodes, metrics, running]);
}
