import { EVENT_STREAM_HEADERS, followVdcLogs, formatLogEntry, openLiveStream, readLogQuery, searchLogs, truncatedNote } from '@colo/control';
import { flagOn } from '@colo/api';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/**
 * Logs of every replica of the VDC's appliances (`appliance=` narrows), merged by time and
 * filtered; `format=ndjson|text` as a file to download, `follow=1` live as Server-Sent Events.
 */
export const GET = route<{ name: string }>(async ({ req, user, params, recheck }) => {
  const query = readLogQuery(Object.fromEntries(new URL(req.url).searchParams));
  if (flagOn(query.follow)) {
    const source = await followVdcLogs(user, params.name, query);
    // A follow is a live stream: counted per user, ended on sign-out or revocation.
    return new Response(openLiveStream(user, source, { signal: req.signal, recheck }), { headers: EVENT_STREAM_HEADERS });
  }
  const result = await searchLogs(user, params.name, query, req.signal);
  if (query.format === 'json') return json(result);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const base = `${params.name}${query.appliance ? `-${query.appliance}` : ''}-logs-${stamp}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const ndjson = query.format === 'ndjson';
  const lines = result.entries.map((e) => (ndjson ? JSON.stringify(e) : formatLogEntry(e)));
  if (result.truncated) lines.push(ndjson ? JSON.stringify({ truncated: true, limit: query.limit }) : truncatedNote(query.limit));
  return new Response(lines.length ? `${lines.join('\n')}\n` : '', {
    headers: {
      'content-type': ndjson ? 'application/x-ndjson; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${base}.${ndjson ? 'ndjson' : 'log'}"`,
      'cache-control': 'no-store',
      'x-colo-truncated': result.truncated ? '1' : '0',
    },
  });
});
