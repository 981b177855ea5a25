// The browser end of one terminal session: its output arrives as Server-Sent Events (the route
// cannot upgrade to a WebSocket), keys go up as POSTs. Keys typed while a POST is on its way are
// sent together by the next one, so they arrive once and in order whatever the latency.
import { ApiError, apiFetch } from '../ui/api-fetch';

export type TerminalPhase = { phase: 'connecting' } | { phase: 'open'; title: string } | { phase: 'closed'; reason: string };

export interface TerminalConnectionHandlers {
  output(bytes: Uint8Array): void;
  phase(phase: TerminalPhase): void;
}

/** What one POST carries at most; the server takes 64 KiB of text. */
const MAX_INPUT_CHARS = 16 * 1024;
const RESIZE_DELAY_MS = 120;

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class TerminalConnection {
  private readonly path: string;
  private events?: EventSource;
  private pending = '';
  private sending = false;
  private ended = false;
  private resizeTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly id: string,
    private readonly handlers: TerminalConnectionHandlers,
  ) {
    this.path = `/terminals/${encodeURIComponent(id)}`;
  }

  start(): void {
    this.handlers.phase({ phase: 'connecting' });
    const events = new EventSource(`/api/v1${this.path}`);
    this.events = events;
    events.addEventListener('ready', (e) => this.handlers.phase({ phase: 'open', title: (JSON.parse((e as MessageEvent).data) as { title: string }).title }));
    events.addEventListener('output', (e) => this.handlers.output(decodeBase64(JSON.parse((e as MessageEvent).data) as string)));
    events.addEventListener('closed', (e) => this.end((JSON.parse((e as MessageEvent).data) as { reason: string }).reason));
    events.addEventListener('detached', (e) => this.end((JSON.parse((e as MessageEvent).data) as { reason: string }).reason));
    events.addEventListener('problem', (e) => this.end((JSON.parse((e as MessageEvent).data) as { error: { message: string } }).error.message));
    events.onerror = () => {
      if (this.ended) return;
      // CLOSED: the server refused the stream (the terminal is gone); otherwise the browser retries.
      if (events.readyState === EventSource.CLOSED) this.end('the terminal is gone (closed, or Colo restarted)');
      else this.handlers.phase({ phase: 'connecting' });
    };
  }

  /** Keys from the terminal, sent in order. */
  send(data: string): void {
    if (this.ended) return;
    this.pending += data;
    void this.flush();
  }

  /** The terminal's new size, sent once it stops changing (a window being dragged). */
  resize(cols: number, rows: number): void {
    if (this.ended) return;
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      apiFetch(`${this.path}/resize`, { method: 'POST', body: { cols, rows } }).catch(() => {});
    }, RESIZE_DELAY_MS);
  }

  /** Hangs the shell up (also when the page goes away: keepalive lets the request outlive it). */
  close(): void {
    if (this.ended) return;
    this.end('closed by you');
    void fetch(`/api/v1${this.path}`, { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => {});
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.resizeTimer);
    this.events?.close();
    this.handlers.phase({ phase: 'closed', reason });
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.pending && !this.ended) {
        let data = this.pending.slice(0, MAX_INPUT_CHARS);
        // Never split a character made of two UTF-16 units (an emoji) between two POSTs.
        if (data.length > 1 && /[\uD800-\uDBFF]$/.test(data) && this.pending.length > data.length) data = data.slice(0, -1);
        this.pending = this.pending.slice(data.length);
        try {
          await apiFetch(`${this.path}/input`, { method: 'POST', body: { data } });
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) this.end(err.message.replace(/^terminal \S+ is closed \((.*)\)$/, '$1'));
          else if (err instanceof ApiError) this.handlers.output(new TextEncoder().encode(`\r\n[Colo] not sent: ${err.message}\r\n`));
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
