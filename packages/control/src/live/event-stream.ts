// Server-Sent Events framing for a stream of domain events: named events with JSON data, a
// heartbeat comment so proxies keep the connection, and a `problem` event instead of a broken
// connection when the source fails. Web-standard streams only; the web app wraps it in a Response.
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
}

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
 * being cancelled) or it fails. `source` gets a signal that aborts in every one of those cases.
 */
export function toEventStream(source: (signal: AbortSignal) => AsyncIterable<ServerEvent>, options: EventStreamOptions = {}): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        stop.abort();
        try {
          controller.close();
        } catch {
          // already cancelled by the reader
        }
      };
      signal.addEventListener('abort', finish, { once: true });
      send(`retry: ${options.retryMs ?? 2000}\n: connected\n\n`);
      heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
      void (async () => {
        try {
          for await (const e of source(signal)) {
            if (closed) break;
            send(formatServerEvent(e));
          }
        } catch (err) {
          if (!signal.aborted) {
            const error = toColoError(err);
            send(formatServerEvent({ event: 'problem', data: { error: { code: error.code, message: error.message } } }));
          }
        } finally {
          finish();
        }
      })();
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      stop.abort();
    },
  });
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
