// One open terminal: a shell's TTY bound to the user who opened it. Its output waits in a bounded
// buffer for its one reader (a newer reader takes over, as a reconnecting browser does); input
// and resizes pass straight through. It closes when the shell ends, after `idleMs` without input,
// once the owner's session or token (or their right to the target) is gone, or when told, and
// says why on the terminal itself.
import type { InteractiveExec } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import type { TokenScope } from '../auth/token-scope';
import { ColoError, isColoError } from '../errors';
import { idleWords, type TerminalLimits } from './terminal-limits';
import type { TerminalTarget } from './terminal-target';

export type TerminalEvent =
  | { kind: 'output'; data: Buffer }
  | { kind: 'closed'; reason: string; exitCode: number | null }
  /** Another reader took over (the same terminal opened elsewhere, or a reconnect): this one should not come back. */
  | { kind: 'detached' };

export interface TerminalSessionInit {
  id: string;
  owner: AuthUser;
  target: TerminalTarget;
  exec: InteractiveExec;
  /** Checks the credentials the owner opened it with again: throws `unauthorized` once they are gone. */
  credential: () => Promise<void>;
  limits: TerminalLimits;
  /** Once its reader has seen it close, or it lingered closed long enough: the registry forgets it. */
  onGone: (session: TerminalSession) => void;
}

/** At most this much output per event, so one event never holds the whole buffer twice over. */
const MAX_EVENT_BYTES = 64 * 1024;

export class TerminalSession {
  readonly id: string;
  readonly owner: AuthUser;
  readonly title: string;
  readonly scope: TokenScope;
  private readonly init: TerminalSessionInit;
  private readonly output: Buffer[] = [];
  private outputBytes = 0;
  private paused = false;
  private end?: { reason: string; exitCode: number | null };
  private reader = 0;
  private waiting?: () => void;
  private idleTimer?: NodeJS.Timeout;
  private readonly recheckTimer: NodeJS.Timeout;
  private lingerTimer?: NodeJS.Timeout;
  private hangUp?: Promise<void>;
  private readonly openedAt = Date.now();

  constructor(init: TerminalSessionInit) {
    this.init = init;
    this.id = init.id;
    this.owner = init.owner;
    this.title = init.target.title;
    this.scope = init.target.scope;
    const { stream } = init.exec;
    stream.on('data', (chunk: Buffer) => this.received(chunk));
    void init.exec.ended.then(({ exitCode }) => void this.close(exitCode === null ? 'the shell ended' : `the shell exited with status ${exitCode}`, exitCode));
    this.touch();
    this.recheckTimer = setInterval(() => void this.recheck().catch(() => {}), init.limits.recheckMs).unref();
  }

  get closed(): boolean {
    return this.end !== undefined;
  }

  /** Output waiting for a reader. */
  get bufferedBytes(): number {
    return this.outputBytes;
  }

  /**
   * Types `data` into the shell, once the owner's access holds; `not_found` when it is closed.
   * `eof` then ends its input (a program without a TTY reads to the end of it).
   */
  async input(data: string, eof = false): Promise<void> {
    this.assertOpen();
    await this.recheck();
    this.assertOpen();
    this.touch();
    if (data !== '') this.init.exec.stream.write(data);
    if (eof) this.init.exec.stream.end();
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.assertOpen();
    await this.init.exec.resize(cols, rows);
  }

  /**
   * Checks the owner's credentials and their right to the target. A verdict (signed out, token
   * revoked, no longer allowed) closes the terminal; anything else (a database hiccup) is thrown
   * and changes nothing.
   */
  async recheck(): Promise<void> {
    if (this.end) return;
    try {
      await this.init.credential();
      await this.init.target.authorize();
    } catch (error) {
      if (isColoError(error, 'unauthorized')) void this.close('closed: the session or API token that opened it ended');
      else if (isColoError(error, 'forbidden') || isColoError(error, 'not_found')) void this.close(`closed: ${error.message}`);
      else throw error;
    }
  }

  /**
   * Ends the shell (it is hung up) and tells the reader why; resolves once the shell is gone.
   * Closing twice keeps the first reason.
   */
  close(reason: string, exitCode: number | null = null): Promise<void> {
    if (this.end) return this.hangUp ?? Promise.resolve();
    this.end = { reason, exitCode };
    clearTimeout(this.idleTimer);
    clearInterval(this.recheckTimer);
    if (!this.init.target.quiet) this.append(Buffer.from(`\r\n\x1b[1m[Colo] ${reason}\x1b[0m\r\n`));
    else this.waiting?.();
    this.hangUp = this.init.exec.close();
    this.init.target.closed?.({ reason, exitCode, openMs: Date.now() - this.openedAt });
    this.lingerTimer = setTimeout(() => this.init.onGone(this), this.init.limits.lingerMs).unref();
    return this.hangUp;
  }

  /**
   * The output from where the last reader left off, then `closed` once it ends. One reader at a
   * time: a new one takes over and the previous one's iteration ends.
   */
  async *events(signal: AbortSignal): AsyncGenerator<TerminalEvent> {
    const me = ++this.reader;
    this.waiting?.();
    while (!signal.aborted) {
      if (me !== this.reader) {
        yield { kind: 'detached' };
        return;
      }
      if (this.outputBytes > 0) {
        yield { kind: 'output', data: this.take() };
      } else if (this.end) {
        // Told only once the shell is gone (a relayed one hangs up in the worker, a moment later).
        await this.hangUp;
        yield { kind: 'closed', ...this.end };
        clearTimeout(this.lingerTimer);
        this.init.onGone(this);
        return;
      } else {
        await this.nextChange(signal);
      }
    }
  }

  private assertOpen(): void {
    if (this.end) throw new ColoError('not_found', `terminal ${this.id} is closed (${this.end.reason})`);
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    const { idleMs } = this.init.limits;
    this.idleTimer = setTimeout(() => void this.close(`closed after ${idleWords(idleMs)} without input`), idleMs).unref();
  }

  private received(chunk: Buffer): void {
    if (this.end) return;
    if (this.init.target.outputKeepsAlive) this.touch();
    this.append(chunk);
    // Nobody is reading fast enough: the shell's output waits in Docker's pipe instead of here.
    if (this.outputBytes >= this.init.limits.bufferBytes && !this.paused) {
      this.paused = true;
      this.init.exec.stream.pause();
    }
  }

  private append(chunk: Buffer): void {
    this.output.push(chunk);
    this.outputBytes += chunk.length;
    this.waiting?.();
  }

  private take(): Buffer {
    const parts: Buffer[] = [];
    let size = 0;
    while (this.output.length > 0 && size < MAX_EVENT_BYTES) {
      const next = this.output[0];
      const room = MAX_EVENT_BYTES - size;
      if (next.length <= room) {
        parts.push(next);
        this.output.shift();
        size += next.length;
      } else {
        // Raw bytes may split a UTF-8 character; the terminal on the other end joins them again.
        parts.push(next.subarray(0, room));
        this.output[0] = next.subarray(room);
        size += room;
      }
    }
    this.outputBytes -= size;
    if (this.paused && this.outputBytes < this.init.limits.bufferBytes / 2 && !this.end) {
      this.paused = false;
      this.init.exec.stream.resume();
    }
    return Buffer.concat(parts, size);
  }

  private nextChange(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        if (this.waiting === done) this.waiting = undefined;
        resolve();
      };
      this.waiting = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
