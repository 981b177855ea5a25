// Metrics of a VDC's containers: CPU, memory, network and block I/O over a range.
import { defineOperation as op } from '../operation';
import { vdcParams } from '../params';
import { vdcMetricsQuery, vdcMetricsSchema } from '../schemas/metrics';

export const metricOperations = [
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/metrics', operationId: 'vdcMetrics', tag: 'Status', auth: 'session-or-token',
    summary: "CPU, memory, network and block I/O of the VDC's appliances (or one) over a range, per appliance and per replica",
    description:
      'The worker samples every running replica every `COLO_METRICS_INTERVAL_SECONDS` (10 s) and keeps raw samples 1 h, 1-minute roll-ups 24 h and 1-hour roll-ups 30 days; ' +
      'the range picks the resolution. An appliance\'s series sums its replicas. CPU is a fraction of one core; rates are bytes per second.',
    params: vdcParams, query: vdcMetricsQuery,
    responses: { 200: { description: 'the series', json: vdcMetricsSchema } },
    errors: ['bad_request', 'not_found'],
  }),
];
