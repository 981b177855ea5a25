// One `colo exec` session over the terminal routes: the program's output (Server-Sent Events,
// base64) goes to stdout as bytes; stdin goes up as input POSTs, one at a time with whatever
// arrived meanwhile sent together, and its end as `eof` (without a TTY); a resized terminal is
// passed on. It ends when the program does (its exit status is the answer), on Ctrl-C (130: the
// program is hung up), or when the terminal closes for another reason (255, as ssh does, with the
// reason on stderr when the screen did not say it).
import { StringDecoder } from 'node:string_decoder';
import { terminalClosedSchema, terminalResizedSchema, terminalWrittenSchema } from '@colo/api';
import type { ColoClient } from './api-client';
import type { CliContext } from './context';
import { CliError } from './errors';
import { readEventStream } from './event-stream';
import type { ExecStdio } from './exec-stdio';

/** The exit status when the terminal closed without the program's (idle, signed out, gone). */
export const EXEC_LOST = 255;
/** After Ctrl-C, as a shell reports a program ended by SIGINT. */
export const EXEC_INTERRUPTED = 130;
/** At most this many UTF-16 units per POST: under the server's 64 KiB of UTF-8 whatever they are. */
const MAX_INPUT_UNITS = 16 * 1024;

export async function runExecSession(ctx: CliContext, client: ColoClient, stdio: ExecStdio, id: string, tty: boolean): Promise<number> {
  const path = `/terminals/${encodeURIComponent(id)}`;
  let finished = false;
  let pending = '';
  let eof = false;
  let eofSent = false;
  let sending = false;
  const decoder = new StringDecoder('utf8');
  const send = async () => {
    if (sending) return;
    sending = true;
    while (!finished && (pending !== '' || (eof && !eofSent))) {
      const data = takeInput(pending);
      pending = pending.slice(data.length);
      const last = eof && pending === '';
      const body = { ...(data ? { data } : {}), ...(last ? { eof: true } : {}) };
      if (last) eofSent = true;
      // A refused write means the terminal is closing: the stream says how, and that is what counts.
      await client.call('POST', `${path}/input`, terminalWrittenSchema, { body }).catch(() => {});
    }
    sending = false;
  };
  const stopInput = stdio.onInput((chunk) => {
    if (chunk === null) {
      pending += decoder.end();
      // On a terminal the end of stdin means nothing to the program: it has a TTY of its own.
      if (!tty) eof = true;
    } else {
      pending += decoder.write(chunk);
    }
    void send();
  });
  const stopResize = tty
    ? stdio.onResize(() => void client.call('POST', `${path}/resize`, terminalResizedSchema, { body: stdio.size() }).catch(() => {}))
    : () => {};
  if (tty) stdio.setRaw(true);
  // Ctrl-C on a pipe hangs the program up (the stream then says it closed) rather than leaving it running.
  let interrupted = false;
  const stopInterrupt =
    stdio.onInterrupt?.(() => {
      interrupted = true;
      void client.call('DELETE', path, terminalClosedSchema).catch(() => {});
    }) ?? (() => {});

  let exitCode: number | null = null;
  let reason = 'the connection to Colo ended';
  let closed = false;
  try {
    // Input flows from the start: the session holds it until the stream is read.
    const response = await client.transfer('GET', path);
    if (!response.body) throw new CliError('the server sent no terminal stream');
    for await (const { event, data } of readEventStream(response.body)) {
      if (event === 'output') {
        stdio.write(Buffer.from(JSON.parse(data) as string, 'base64'));
      } else if (event === 'closed') {
        const end = JSON.parse(data) as { reason: string; exitCode: number | null };
        ({ reason, exitCode } = end);
        closed = true;
        break;
      } else if (event === 'detached') {
        reason = (JSON.parse(data) as { reason: string }).reason;
        break;
      } else if (event === 'problem') {
        reason = (JSON.parse(data) as { error?: { message?: string } }).error?.message ?? data;
        break;
      }
    }
  } finally {
    finished = true;
    stopInput();
    stopResize();
    stopInterrupt();
    if (tty) stdio.setRaw(false);
    if (!closed) await client.call('DELETE', path, terminalClosedSchema).catch(() => {});
  }
  if (interrupted) return EXEC_INTERRUPTED;
  if (exitCode !== null) return exitCode;
  // With a TTY the terminal itself printed why it closed.
  if (!tty || !closed) ctx.err(`error: the terminal closed: ${reason}`);
  return EXEC_LOST;
}

/** The next piece of input to send, never splitting a surrogate pair. */
function takeInput(text: string): string {
  if (text.length <= MAX_INPUT_UNITS) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[MAX_INPUT_UNITS - 1]) ? MAX_INPUT_UNITS - 1 : MAX_INPUT_UNITS;
  return text.slice(0, cut);
}
