// A live stream as the web edge serves it: one of the user's limited slots, the SSE framing with
// its bounds and credential re-check, and the slot given back however the stream ends. Slots are
// counted in this process (the web app is one process; each would count its own).
import type { AuthUser } from '../auth/api-tokens';
import { controlEnv } from '../config';
import { ColoError } from '../errors';
import { type EventStreamOptions, type ServerEvent, toEventStream } from './event-stream';

const holder = globalThis as typeof globalThis & { __coloStreamSlots?: Map<string, number> };

function slots(): Map<string, number> {
  holder.__coloStreamSlots ??= new Map();
  return holder.__coloStreamSlots;
}

/** Open streams per user id, for status pages and tests. */
export function openStreamCount(userId: string): number {
  return slots().get(userId) ?? 0;
}

/** Takes one of the user's slots or refuses with 429; the returned function gives it back once. */
export function takeStreamSlot(userId: string, max = controlEnv().COLO_MAX_STREAMS_PER_USER): () => void {
  const open = openStreamCount(userId);
  if (open >= max) {
    throw new ColoError(
      'rate_limited',
      `you already have ${open} live streams open (events or followed logs; at most ${max}, COLO_MAX_STREAMS_PER_USER): close a tab or a follow and try again`,
      { retryAfter: 5 },
    );
  }
  slots().set(userId, open + 1);
  let given = false;
  return () => {
    if (given) return;
    given = true;
    const left = openStreamCount(userId) - 1;
    if (left > 0) slots().set(userId, left);
    else slots().delete(userId);
  };
}

export interface LiveStreamOptions extends Omit<EventStreamOptions, 'onClose'> {
  maxPerUser?: number;
}

/** The SSE body for `source`, counted against the user's streams (429 when they have too many). */
export function openLiveStream(user: AuthUser, source: (signal: AbortSignal) => AsyncIterable<ServerEvent>, options: LiveStreamOptions = {}): ReadableStream<Uint8Array> {
  const release = takeStreamSlot(user.id, options.maxPerUser);
  try {
    return toEventStream(source, { recheckMs: controlEnv().COLO_STREAM_RECHECK_MS, ...options, onClose: release });
  } catch (err) {
    release();
    throw err;
  }
}
