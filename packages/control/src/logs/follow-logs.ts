// A live tail of a logs query: first the matching history (as a search answers it), then every
// new matching line of every replica as it is written. Replicas that appear later (a deploy, a
// scale-up, a recreate) are found by a rescan of the labels; a container that stopped and came
// back resumes where it was left. A slow client holds back Docker's streams (they wait on disk)
// instead of filling memory.
import { readLogs } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import type { ServerEvent } from '../live/event-stream';
import { entryMillis, matchesLine, matchesTime } from './log-filter';
import type { LogEntry } from './log-entry';
import type { LogQuery } from './log-query';
import { type LogContainer, type LogScope, openLogScope } from './log-scope';
import { wakeSignal } from '../live/wake-signal';
import { collectLogs, toEntry } from './search-logs';

/** How often a follow looks for containers that appeared or came back. */
export const LOG_RESCAN_MS = 2000;
/** Lines waiting for a slow client; when full, every container's reader pauses. */
export const MAX_QUEUED_FOLLOW_LINES = 1000;

/** Checks the VDC (so the caller can answer 404 before streaming), then returns the live source. */
export async function followLogs(user: AuthUser, vdcName: string, query: LogQuery): Promise<(signal: AbortSignal) => AsyncIterable<ServerEvent>> {
  if (query.until !== undefined) throw new ColoError('bad_request', 'until: a follow has no end; leave until out or follow=0');
  const scope = await openLogScope(user, vdcName, query);
  return (signal) => followScope(scope, query, signal);
}

export async function* followScope(scope: LogScope, query: LogQuery, signal: AbortSignal, rescanMs = LOG_RESCAN_MS): AsyncGenerator<ServerEvent> {
  const { result, readUpTo } = await collectLogs(scope, await scope.containers(), query, signal);
  for (const entry of result.entries) yield { event: 'log', data: entry };
  yield { event: 'caught-up', data: { truncated: result.truncated } };

  const queue: LogEntry[] = [];
  const wakeup = wakeSignal();
  const waitingForRoom: (() => void)[] = [];
  const room = (): Promise<void> => {
    if (queue.length < MAX_QUEUED_FOLLOW_LINES || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      waitingForRoom.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  };
  const following = new Set<string>();

  const follow = (c: LogContainer) => {
    following.add(c.id);
    const after = readUpTo.get(c.id);
    // Docker's `since` is inclusive; lines at or before the last one read are skipped below.
    const since = Math.floor((after ? entryMillis(after) : (query.since ?? 0)) / 1000);
    void (async () => {
      try {
        for await (const l of readLogs(c.id, { follow: true, since, signal, docker: c.docker })) {
          const seen = readUpTo.get(c.id);
          if (seen && l.time && l.time <= seen) continue;
          if (l.time) readUpTo.set(c.id, l.time);
          const entry = toEntry(scope, c, l);
          if (!matchesLine(entry, query) || !matchesTime(entry, { since: query.since })) continue;
          await room();
          if (signal.aborted) break;
          queue.push(entry);
          wakeup.wake();
        }
      } catch {
        // the container vanished (recreated or removed): a rescan finds its successor
      } finally {
        following.delete(c.id);
        if (!readUpTo.has(c.id)) readUpTo.set(c.id, '');
      }
    })();
  };

  while (!signal.aborted) {
    for (const c of await scope.containers().catch(() => [])) {
      if (following.has(c.id)) continue;
      // Read before and not running: nothing new can come until it starts again.
      if (readUpTo.has(c.id) && !c.running) continue;
      follow(c);
    }
    const rescanAt = Date.now() + rescanMs;
    while (!signal.aborted && Date.now() < rescanAt) {
      while (queue.length > 0) {
        yield { event: 'log', data: queue.shift() };
        waitingForRoom.shift()?.();
      }
      await wakeup.wait(rescanAt, signal);
    }
  }
}
