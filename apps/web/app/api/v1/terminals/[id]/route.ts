import { closeTerminal, EVENT_STREAM_HEADERS, terminalEvents, toEventStream } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/**
 * The terminal's output as Server-Sent Events (`ready`, `output` base64, `closed`, `detached`),
 * until it closes; one reader at a time. Someone else's terminal is 404.
 */
export const GET = route<{ id: string }>(async ({ req, user, scope, recheck, params }) => {
  const source = terminalEvents({ user, scope, recheck }, params.id);
  return new Response(toEventStream(source, { signal: req.signal, recheck }), { headers: EVENT_STREAM_HEADERS });
});

/** Hangs the shell up. */
export const DELETE = route<{ id: string }>(async ({ user, scope, recheck, params }) => json(await closeTerminal({ user, scope, recheck }, params.id)));
