// One live stream of container events from a Docker engine, filtered by label, that survives the
// engine going away: it reconnects with backoff and asks for what it missed since the last event
// it saw (Docker keeps recent events in memory; a restarted daemon starts a new history).
import type Dockerode from 'dockerode';

export interface ContainerEvent {
  /** Container id. */
  id: string;
  /** `die`, `oom`, `kill`, `start`, `destroy`, `health_status: unhealthy`, … */
  action: string;
  /** The container's labels plus Docker's own attributes (`name`, `image`, `exitCode`, `signal`). */
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch, as Docker gives it (a decimal string: too big for a number). */
  timeNano: string;
}

export interface WatchEventsOptions {
  /** `key=value` label filters; every one must match. */
  labels: string[];
  /** Only these actions (Docker's `event` filter: `health_status` matches every health change). */
  actions?: string[];
  onEvent(event: ContainerEvent): void;
  /** Connected, or lost with the reason; the watch keeps trying until closed. */
  onConnection?(state: { connected: boolean; error?: string }): void;
  /** First reconnect delay; doubles up to 10 s. 500 ms unless told. */
  retryMs?: number;
}

export interface EventWatch {
  close(): void;
}

const MAX_RETRY_MS = 10_000;

export function watchContainerEvents(docker: Dockerode, options: WatchEventsOptions): EventWatch {
  let closed = false;
  let current: NodeJS.ReadableStream | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Seconds since the epoch to ask for on the next connect: events of the last second are asked
  // for again after a reconnect, so a consumer must take each (id, time, action) once.
  let since = Math.floor(Date.now() / 1000);
  let delay = options.retryMs ?? 500;

  const lost = (error: string) => {
    current = undefined;
    if (closed) return;
    options.onConnection?.({ connected: false, error });
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const filters: Record<string, string[]> = { type: ['container'], label: options.labels };
    if (options.actions) filters.event = options.actions;
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await docker.getEvents({ since, filters })) as NodeJS.ReadableStream;
    } catch (error) {
      lost((error as Error).message);
      return;
    }
    if (closed) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    current = stream;
    delay = options.retryMs ?? 500;
    options.onConnection?.({ connected: true });
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
        const event = parseEvent(line);
        if (!event) continue;
        since = Math.max(since, Math.floor(Number(event.timeNano.slice(0, -9) || '0')));
        options.onEvent(event);
      }
      // One event is a few hundred bytes; a line this long without a newline is not one.
      if (buffered.length > 1_000_000) buffered = '';
    });
    let ended = false;
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      if (current === stream) lost(why);
    };
    stream.on('end', () => end('the event stream ended'));
    stream.on('close', () => end('the event stream closed'));
    stream.on('error', (error: Error) => end(error.message));
  }

  void connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      (current as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      current = undefined;
    },
  };
}

function parseEvent(line: string): ContainerEvent | undefined {
  if (!line) return undefined;
  try {
    const raw = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; timeNano?: number | string; time?: number };
    if (raw.Type !== 'container' || !raw.Action || !raw.Actor?.ID) return undefined;
    // JSON.parse loses the last digits of timeNano; take them from the text.
    const nano = /"timeNano":\s*(\d+)/.exec(line)?.[1] ?? `${raw.time ?? 0}000000000`;
    return { id: raw.Actor.ID, action: raw.Action, attributes: raw.Actor.Attributes ?? {}, timeNano: nano };
  } catch {
    return undefined;
  }
}
