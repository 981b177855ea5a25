// The web side of a relayed terminal: an InteractiveExec whose shell runs in the worker (see
// terminal-relay.ts). Its stream reads the worker's output stream in order and types into the
// input stream; it stops reading while its reader is paused, which in turn pauses the shell.
// `ended` settles with the exit status the worker reports, or with none once the worker's
// heartbeat stops.
import { Duplex } from 'node:stream';
import type { InteractiveExec } from '@colo/engine';
import { ColoError } from '../errors';
import { blockingRedis, entriesOf, RELAY_ID_PATTERN, RELAY_LIMITS, relayKeys, relayRedis } from './relay-channel';

/** How long a close waits for the worker to say the shell is gone. */
const CLOSE_WAIT_MS = 15_000;

export function remoteInteractiveExec(relayId: string): InteractiveExec {
  if (!RELAY_ID_PATTERN.test(relayId)) throw new ColoError('internal', `the worker answered a malformed terminal relay id ${relayId}`);
  const keys = relayKeys(relayId);
  const redis = relayRedis();
  const reader = blockingRedis();
  const { keyTtlMs, maxEntries, beatMs, webSilenceMs, blockMs } = RELAY_LIMITS;

  let wanted = true;
  let wake: (() => void) | undefined;
  let done = false;
  let settle!: (v: { exitCode: number | null }) => void;
  const ended = new Promise<{ exitCode: number | null }>((r) => {
    settle = r;
  });

  const send = (fields: (string | Buffer)[]) => redis.multi().xadd(keys.in, 'MAXLEN', '~', maxEntries, '*', ...fields).pexpire(keys.in, keyTtlMs).exec();
  const stream = new Duplex({
    read() {
      wanted = true;
      wake?.();
    },
    write(chunk: Buffer, _encoding, callback) {
      // A lost keystroke is not worth crashing for: a relay that is gone ends the terminal through `ended`.
      send(['t', 'i', 'd', chunk]).then(
        () => callback(),
        () => callback(),
      );
    },
    // The end of the input (a pipe's end, for a program without a TTY) is the worker's to pass on.
    final(callback) {
      send(['t', 'f']).then(
        () => callback(),
        () => callback(),
      );
    },
  });
  const beat = setInterval(() => void redis.set(keys.web, '1', 'PX', webSilenceMs).catch(() => {}), beatMs);
  beat.unref();

  const finish = (exitCode: number | null) => {
    if (done) return;
    done = true;
    clearInterval(beat);
    wake?.();
    reader.disconnect();
    stream.push(null);
    settle({ exitCode });
  };

  void (async () => {
    let last = '0-0';
    while (!done) {
      if (!wanted) {
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = undefined;
        continue;
      }
      const reply = await reader
        .xreadBuffer('COUNT', 64, 'BLOCK', blockMs, 'STREAMS', keys.out, last)
        .catch(() => new Promise<null>((r) => setTimeout(() => r(null), done ? 0 : 500)));
      if (done) break;
      const entries = entriesOf(reply as never);
      for (const [id, f] of entries) {
        last = id;
        const type = f.t?.toString();
        if (type === 'o' && f.d) wanted = stream.push(f.d);
        else if (type === 'e') {
          const code = f.d?.toString() ?? '';
          finish(code === '' ? null : Number(code));
        }
      }
      if (entries.length > 0) await redis.xdel(keys.out, ...entries.map(([id]) => id)).catch(() => {});
      else if ((await redis.exists(keys.worker).catch(() => 1)) === 0) finish(null);
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    stream,
    ended,
    async resize(cols, rows) {
      await send(['t', 'r', 'c', String(cols), 'r', String(rows)]);
    },
    close() {
      closing ??= (async () => {
        if (!done) {
          await send(['t', 'c']).catch(() => {});
          // Wait for the worker to report the shell gone, even while nobody reads the output.
          const deadline = Date.now() + CLOSE_WAIT_MS;
          while (!done && Date.now() < deadline) {
            const exit = await redis.get(keys.exit).catch(() => null);
            if (exit !== null) finish(exit === '' ? null : Number(exit));
            else if ((await redis.exists(keys.worker).catch(() => 1)) === 0) finish(null);
            else await new Promise((r) => setTimeout(r, 50));
          }
          finish(null);
        }
        stream.destroy();
        await redis.del(keys.out, keys.in, keys.web).catch(() => {});
      })();
      return closing;
    },
  };
}
