import { vdcMetricsQuery } from '@colo/api';
import { vdcMetrics } from '@colo/control';
import { json, readQuery, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** CPU, memory, network and block I/O over `range` (15m…30d), per appliance and replica. */
export const GET = route<{ name: string }>(async ({ req, user, params }) => {
  const query = readQuery(req, vdcMetricsQuery, 'range is 15m, 1h, 6h, 24h, 7d or 30d; appliance an appliance name');
  return json(await vdcMetrics(user, params.name, query));
});
