import { EVENT_STREAM_HEADERS, openVdcEvents, toEventStream } from '@colo/control';
import { route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ req, user, params }) => {
  const source = await openVdcEvents(user, params.name);
  return new Response(toEventStream(source, { signal: req.signal }), { headers: EVENT_STREAM_HEADERS });
});
