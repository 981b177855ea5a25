import { applianceLogs, ColoError, EVENT_STREAM_HEADERS, followApplianceLogs, MAX_LOG_TAIL, openLiveStream } from '@colo/control';
import { z } from 'zod';
import { json, route } from '../../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

const query = z.object({
  tail: z.coerce.number().int().min(0).max(MAX_LOG_TAIL).default(200),
  follow: z.enum(['0', '1', 'true', 'false']).default('0'),
});

export const GET = route<{ name: string; appliance: string }>(async ({ req, user, params, recheck }) => {
  const url = new URL(req.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new ColoError('bad_request', `tail must be 0-${MAX_LOG_TAIL}, follow 0 or 1`);
  const { tail, follow } = parsed.data;
  if (follow === '1' || follow === 'true') {
    const source = await followApplianceLogs(user, params.name, params.appliance, tail);
    // A follow is a live stream: counted per user, ended on sign-out or revocation.
    return new Response(openLiveStream(user, source, { signal: req.signal, recheck }), { headers: EVENT_STREAM_HEADERS });
  }
  return json(await applianceLogs(user, params.name, params.appliance, tail));
});
