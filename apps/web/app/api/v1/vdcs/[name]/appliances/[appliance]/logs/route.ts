import { applianceLogsQuery, flagOn } from '@colo/api';
import { applianceLogs, EVENT_STREAM_HEADERS, followApplianceLogs, MAX_LOG_TAIL, openLiveStream } from '@colo/control';
import { json, readQuery, route } from '../../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string; appliance: string }>(async ({ req, user, params, recheck }) => {
  const { tail, follow } = readQuery(req, applianceLogsQuery, `tail must be 0-${MAX_LOG_TAIL}, follow 0 or 1`);
  if (flagOn(follow)) {
    const source = await followApplianceLogs(user, params.name, params.appliance, tail);
    // A follow is a live stream: counted per user, ended on sign-out or revocation.
    return new Response(openLiveStream(user, source, { signal: req.signal, recheck }), { headers: EVENT_STREAM_HEADERS });
  }
  return json(await applianceLogs(user, params.name, params.appliance, tail));
});
