// Following a container's log as it is written (Docker's follow mode), line by line, until the
// container stops, the signal aborts, or the reader stops iterating. Kept beside the Runtime:
// a long-lived stream does not fit its request/response methods.
import Dockerode from 'dockerode';
import { dockerStatus, toEngineError } from './docker-errors';
import { type LogLine, LogLineDecoder } from './log-frames';

export interface FollowLogsOptions {
  /** Lines of history first: a count, or 'all'; 0 (only what comes next) unless told. */
  tail?: number | 'all';
  /** Only lines written at or after this time (unix seconds, fractions allowed). */
  since?: number;
  signal?: AbortSignal;
  /** The engine to read from; the environment's default (DOCKER_HOST or the socket) otherwise. */
  docker?: Dockerode;
}

let defaultDocker: Dockerode | undefined;

function engine(given?: Dockerode): Dockerode {
  if (given) return given;
  defaultDocker ??= new Dockerode();
  return defaultDocker;
}

export async function* followLogs(idOrName: string, options: FollowLogsOptions = {}): AsyncGenerator<LogLine> {
  const docker = engine(options.docker);
  const { signal } = options;
  if (signal?.aborted) return;
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getContainer(idOrName).logs({
      follow: true,
      stdout: true,
      stderr: true,
      tail: options.tail ?? 0,
      since: options.since ?? 0,
      abortSignal: signal,
    } as Dockerode.ContainerLogsOptions & { follow: true })) as unknown as NodeJS.ReadableStream;
  } catch (error) {
    if (signal?.aborted) return;
    if (dockerStatus(error) === 404) return;
    throw toEngineError(error, `follow logs of ${idOrName}`);
  }
  const stop = () => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  signal?.addEventListener('abort', stop, { once: true });
  const decoder = new LogLineDecoder();
  try {
    for await (const chunk of stream) {
      for (const line of decoder.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))) yield line;
    }
    for (const line of decoder.end()) yield line;
  } catch (error) {
    if (signal?.aborted) return;
    throw toEngineError(error, `follow logs of ${idOrName}`);
  } finally {
    signal?.removeEventListener('abort', stop);
    // A reader that stops early (break, return) must not leave the HTTP stream open.
    stop();
  }
}
