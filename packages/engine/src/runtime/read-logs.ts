// Reading a container's log with Docker's own timestamps, between two instants, as a stream:
// the history (follow off) or history then what comes next (follow on). Unlike Runtime.logs it
// never holds the whole log: lines go out as Docker sends them, so a search over a big log stays
// bounded by what its caller keeps.
import Dockerode from 'dockerode';
import { dockerStatus, toEngineError } from './docker-errors';
import { LogLineDecoder, type LogStreamName } from './log-frames';

export interface ReadLogsOptions {
  /** Only lines written at or after this time (unix seconds, fractions allowed). */
  since?: number;
  /** Only lines written before this time (unix seconds); ignored when following. */
  until?: number;
  /** Lines of history from the end: a count, or 'all' (the default). */
  tail?: number | 'all';
  /** Keep reading what the container writes next, until it stops or the signal aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** The engine to read from; the environment's default (DOCKER_HOST or the socket) otherwise. */
  docker?: Dockerode;
}

export interface TimedLogLine {
  stream: LogStreamName;
  line: string;
  /** When Docker received the line: RFC 3339 UTC with 9 fraction digits, so text order is time order. */
  time: string;
}

let defaultDocker: Dockerode | undefined;

export async function* readLogs(idOrName: string, options: ReadLogsOptions = {}): AsyncGenerator<TimedLogLine> {
  defaultDocker ??= new Dockerode();
  const docker = options.docker ?? defaultDocker;
  const { signal } = options;
  if (signal?.aborted) return;
  let stream: NodeJS.ReadableStream;
  try {
    // dockerode buffers the whole answer unless following; dialling with isStream keeps it a stream.
    stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(idOrName)}/logs?`,
          method: 'GET',
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: {
            stdout: true,
            stderr: true,
            timestamps: true,
            follow: options.follow ?? false,
            tail: options.tail ?? 'all',
            since: options.since ?? 0,
            ...(options.until !== undefined && !options.follow ? { until: options.until } : {}),
          },
        } as never,
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      );
    });
  } catch (error) {
    if (signal?.aborted) return;
    if (dockerStatus(error) === 404) return;
    throw toEngineError(error, `read logs of ${idOrName}`);
  }
  const stop = () => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  signal?.addEventListener('abort', stop, { once: true });
  const decoder = new LogLineDecoder();
  // A piece of a line cut for length has no stamp of its own: it carries its line's.
  let last = '';
  const timed = (l: { stream: LogStreamName; line: string }): TimedLogLine => {
    const t = withTime(l, last);
    last = t.time;
    return t;
  };
  try {
    for await (const chunk of stream) {
      for (const l of decoder.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))) yield timed(l);
    }
    for (const l of decoder.end()) yield timed(l);
  } catch (error) {
    if (signal?.aborted) return;
    throw toEngineError(error, `read logs of ${idOrName}`);
  } finally {
    signal?.removeEventListener('abort', stop);
    // A reader that stops early (break, return) must not leave the HTTP stream open.
    stop();
  }
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z ?/;

/** Splits Docker's `2026-12-03T12:00:00.5Z ` prefix off; a piece of a cut long line has none. */
function withTime(l: { stream: LogStreamName; line: string }, previous: string): TimedLogLine {
  const m = STAMP.exec(l.line);
  if (!m) return { stream: l.stream, line: l.line, time: previous };
  return { stream: l.stream, line: l.line.slice(m[0].length), time: normalizeLogTime(m[1], m[2]) };
}

export function normalizeLogTime(seconds: string, fraction = ''): string {
  return `${seconds}.${fraction.padEnd(9, '0')}Z`;
}
