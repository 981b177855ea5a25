export { type CurrentUsage, currentUsage } from './current-usage';
export { HOUR, METRIC_RETENTION_MS, MINUTE, pruneMetrics, type RollupResult, rollUpMetrics } from './metric-rollups';
export { createMetricsSampler, type MetricsSampler, type MetricsSamplerOptions, startMetricsSampler, type TickResult } from './metrics-sampler';
export { type MetricValues, sampleRates } from './sample-rates';
export {
  type ApplianceMetrics,
  METRIC_RANGES,
  type MetricPoint,
  type MetricRange,
  type ReplicaMetrics,
  rangeResolution,
  type VdcMetricsView,
  vdcMetrics,
} from './vdc-metrics';
