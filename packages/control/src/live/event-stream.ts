// Server-Sent Events framing for a stream of domain events: named events with JSON data, a
// heartbeat comment so proxies keep the connection, and a `problem` event instead of a broken
// connection when the source fails. Web-standard streams only; the web app wraps it in a Response.
//
// Bounded by construction: the source is pulled only when the client has read what was sent (a
// slow client pauses the source instead of growing a queue here), and the caller's credentials
// are checked again every `recheckMs`, so signing out or revoking a token ends the stream.
import { isColoError } from '../errors';
import { toColoError } from '../operations/classify-error';

export interface ServerEvent {
  event: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** The client went away (the request's signal). */
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** How long a browser's EventSource waits before reconnecting. */
  retryMs?: number;
  /** Throws `unauthorized`/`forbidden` once the caller's session or token is gone: the stream ends. */
  recheck?: () => Promise<void>;
  recheckMs?: number;
  /** Called once when the stream ends, however it ends. */
  onClose?: () => void;
}

/** Events (and heartbeats) the stream holds for a client that is not reading; past it, the source waits. */
const HIGH_WATER_MARK = 16;
const DEFAULT_RECHECK_MS = 15_000;

export const EVENT_STREAM_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression middleware from buffering the stream.
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export function formatServerEvent(e: ServerEvent): string {
  const json = JSON.stringify(e.data) ?? 'null';
  // JSON.stringify never emits raw newlines, so one data line always holds the whole value.
  return `event: ${e.event}\ndata: ${json}\n\n`;
}

/**
 * Streams what `source` yields until it ends, the client disconnects (the signal, or the stream
 * being cancelled), the caller's credentials lapse, or it fails. `source` gets a signal that
 * aborts in every one of those cases.
 */
export function toEventStream(source: (signal: AbortSignal) => AsyncIterable<ServerEvent>, options: EventStreamOptions = {}): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const encoder = new TextEncoder();
  const iterator = source(signal)[Symbol.asyncIterator]();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let recheck: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const send = (text: string) => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearInterval(recheck);
    stop.abort();
    // Runs the source's `finally` (or ends it after its pending step sees the signal).
    void iterator.return?.()?.catch(() => {});
    try {
      controller.close();
    } catch {
      // already cancelled by the reader
    }
    options.onClose?.();
  };
  const problem = (err: unknown) => {
    const error = toColoError(err);
    send(formatServerEvent({ event: 'problem', data: { error: { code: error.code, message: error.message } } }));
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (signal.aborted) return finish();
        signal.addEventListener('abort', finish, { once: true });
        send(`retry: ${options.retryMs ?? 2000}\n: connected\n\n`);
        // A client that is not reading does not need to be told we are alive.
        heartbeat = setInterval(() => {
          if ((controller.desiredSize ?? 0) > 0) send(': heartbeat\n\n');
        }, options.heartbeatMs ?? 15_000);
        if (options.recheck) {
          const check = options.recheck;
          recheck = setInterval(() => {
            check().catch((err) => {
              // Only a verdict ends the stream; a database hiccup is not a sign-out.
              if (closed || !(isColoError(err, 'unauthorized') || isColoError(err, 'forbidden'))) return;
              problem(err);
              finish();
            });
          }, options.recheckMs ?? DEFAULT_RECHECK_MS);
        }
      },
      async pull() {
        if (closed) return;
        try {
          const next = await iterator.next();
          if (next.done || closed) return finish();
          send(formatServerEvent(next.value));
        } catch (err) {
          if (!signal.aborted) problem(err);
          finish();
        }
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: HIGH_WATER_MARK },
  );
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
