// A logs search: every container of the scope read from `since` to `until`, each line masked,
// levelled and filtered, the newest `limit` matches of all replicas merged by time. Containers
// are read a few at a time and only the newest matches are kept, so memory is bounded by
// `limit` (and bytes) times the few read at once, not by how much the containers wrote.
import { readLogs } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { matchesLine, matchesTime } from './log-filter';
import { detectLevel } from './log-level';
import type { LogEntry } from './log-entry';
import type { LogQuery } from './log-query';
import { type LogContainer, type LogScope, openLogScope } from './log-scope';
import { MAX_SEARCH_BYTES, mergeByTime, NewestLines } from './newest-lines';

/** Containers read in parallel. */
const READ_AT_ONCE = 4;

export interface LogSearchResult {
  entries: LogEntry[];
  /** More lines matched than were kept: the oldest were left out. */
  truncated: boolean;
}

export async function searchLogs(user: AuthUser, vdcName: string, query: LogQuery, signal?: AbortSignal): Promise<LogSearchResult> {
  const scope = await openLogScope(user, vdcName, query);
  return (await collectLogs(scope, await scope.containers(), query, signal)).result;
}

/** A log line read from a container made into an entry: masked first, then levelled. */
export function toEntry(scope: Pick<LogScope, 'redact'>, c: LogContainer, l: { stream: 'stdout' | 'stderr'; line: string; time: string }): LogEntry {
  const line = scope.redact(l.line);
  return { time: l.time, appliance: c.appliance, replica: c.replica, container: c.name, stream: l.stream, level: detectLevel(line, l.stream), line };
}

/**
 * The search over `containers`; also the time of the last line read from each (matching or
 * not), where a follow picks up without repeating or missing a line.
 */
export async function collectLogs(
  scope: Pick<LogScope, 'redact'>,
  containers: LogContainer[],
  query: LogQuery,
  signal?: AbortSignal,
): Promise<{ result: LogSearchResult; readUpTo: Map<string, string> }> {
  let kept: LogEntry[] = [];
  let dropped = 0;
  const readUpTo = new Map<string, string>();
  // Docker filters by whole seconds at best; the exact bounds are checked on each line below.
  const since = query.since === undefined ? undefined : Math.floor(query.since / 1000);
  const until = query.until === undefined ? undefined : Math.ceil(query.until / 1000) + 1;
  const readOne = async (c: LogContainer): Promise<NewestLines> => {
    const newest = new NewestLines(query.limit);
    let last = '';
    for await (const l of readLogs(c.id, { since, until, signal, docker: c.docker })) {
      last = l.time || last;
      const entry = toEntry(scope, c, l);
      if (matchesTime(entry, query) && matchesLine(entry, query)) newest.push(entry);
    }
    readUpTo.set(c.id, last);
    return newest;
  };
  // A few containers at a time: fast on a big VDC, and at most that many runs held at once.
  for (let i = 0; i < containers.length && !signal?.aborted; i += READ_AT_ONCE) {
    for (const newest of await Promise.all(containers.slice(i, i + READ_AT_ONCE).map(readOne))) {
      const merged = mergeByTime(kept, newest.toArray());
      dropped += newest.dropped + Math.max(0, merged.length - query.limit);
      kept = merged.length > query.limit ? merged.slice(merged.length - query.limit) : merged;
      const over = overBytes(kept);
      if (over > 0) {
        kept = kept.slice(over);
        dropped += over;
      }
    }
  }
  return { result: { entries: kept, truncated: dropped > 0 }, readUpTo };
}

/** How many of the oldest entries to leave out so the rest fit in MAX_SEARCH_BYTES. */
function overBytes(entries: LogEntry[]): number {
  let bytes = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    bytes += entries[i].line.length;
    if (bytes > MAX_SEARCH_BYTES) return i + 1;
  }
  return 0;
}
