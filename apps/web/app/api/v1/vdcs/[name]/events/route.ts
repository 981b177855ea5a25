import { EVENT_STREAM_HEADERS, openLiveStream, openVdcEvents } from '@colo/control';
import { route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Counted against the user's live streams (429 past the limit); ends on sign-out or revocation. */
export const GET = route<{ name: string }>(async ({ req, user, params, recheck }) => {
  const source = await openVdcEvents(user, params.name);
  return new Response(openLiveStream(user, source, { signal: req.signal, recheck }), { headers: EVENT_STREAM_HEADERS });
});
