// The worker's half of a relayed terminal: it holds the shell (a Docker exec) and passes its
// output to the web process over Redis, and the web's keystrokes, resizes and close back. The
// shell ends when told to close, when the web side's heartbeat stops for a minute, or on its
// own, and the web side then hears its exit status. Output the web side has not taken yet
// pauses the shell (as a slow terminal does) instead of piling up in Redis.
import type { InteractiveExec } from '@colo/engine';
import type { Redis } from 'ioredis';
import { randomAlphanumeric } from '../ids';
import { blockingRedis, entriesOf, RELAY_LIMITS, type RelayKeys, relayKeys, relayRedis } from './relay-channel';

export class TerminalRelays {
  private readonly open = new Map<string, Promise<void>>();
  private readonly execs = new Map<string, InteractiveExec>();

  /** Starts relaying an open shell; returns the relay id the web side reads and writes by. */
  async start(exec: InteractiveExec): Promise<string> {
    const id = `relay_${randomAlphanumeric(24)}`;
    const keys = relayKeys(id);
    const redis = relayRedis();
    const { keyTtlMs, webSilenceMs } = RELAY_LIMITS;
    // The web side's heartbeat starts here: a web process that never comes leaves a shell for a minute at most.
    await redis.multi().set(keys.web, '1', 'PX', webSilenceMs).set(keys.worker, '1', 'PX', RELAY_LIMITS.workerSilenceMs).pexpire(keys.out, keyTtlMs).exec();
    this.execs.set(id, exec);
    const done = relay(exec, keys, redis).finally(() => {
      this.open.delete(id);
      this.execs.delete(id);
    });
    this.open.set(id, done);
    return id;
  }

  get size(): number {
    return this.open.size;
  }

  /** Hangs up every shell this process relays (shutdown); resolves once each relay has ended. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.execs.values()].map((e) => e.close()));
    await Promise.all(this.open.values());
  }
}

async function relay(exec: InteractiveExec, keys: RelayKeys, redis: Redis): Promise<void> {
  const { keyTtlMs, highEntries, lowEntries, maxEntries, beatMs, workerSilenceMs, blockMs } = RELAY_LIMITS;
  const reader = blockingRedis();
  let ended = false;
  let paused = false;

  const send = (fields: (string | Buffer)[]) =>
    redis.multi().xadd(keys.out, 'MAXLEN', '~', maxEntries, '*', ...fields).pexpire(keys.out, keyTtlMs).xlen(keys.out).exec();
  const waitForReader = async () => {
    while (!ended) {
      await new Promise((r) => setTimeout(r, 50));
      const waiting = await redis.xlen(keys.out).catch(() => 0);
      if (waiting <= lowEntries) break;
    }
    paused = false;
    if (!ended) exec.stream.resume();
  };
  exec.stream.on('data', (chunk: Buffer) => {
    void send(['t', 'o', 'd', chunk])
      .then((replies) => {
        const waiting = Number(replies?.[2]?.[1] ?? 0);
        if (waiting >= highEntries && !paused && !ended) {
          paused = true;
          exec.stream.pause();
          void waitForReader();
        }
      })
      .catch(() => {});
  });
  const beat = setInterval(() => void redis.set(keys.worker, '1', 'PX', workerSilenceMs).catch(() => {}), beatMs);
  beat.unref();

  const finished = exec.ended.then(async ({ exitCode }) => {
    ended = true;
    const code = exitCode === null ? '' : String(exitCode);
    await send(['t', 'e', 'd', code]).catch(() => {});
    await redis.set(keys.exit, code, 'PX', keyTtlMs).catch(() => {});
    reader.disconnect();
  });

  let last = '0-0';
  try {
    while (!ended) {
      const reply = await reader.xreadBuffer('COUNT', 100, 'BLOCK', blockMs, 'STREAMS', keys.in, last).catch(() => pause(ended ? 0 : 500));
      if (ended) break;
      const entries = entriesOf(reply as never);
      for (const [id, f] of entries) {
        last = id;
        const type = f.t?.toString();
        if (type === 'i' && f.d) exec.stream.write(f.d);
        else if (type === 'r') void exec.resize(Number(f.c), Number(f.r)).catch(() => {});
        else if (type === 'f') exec.stream.end();
        else if (type === 'c') void exec.close();
      }
      if (entries.length > 0) await redis.xdel(keys.in, ...entries.map(([id]) => id)).catch(() => {});
      // The web side went quiet (its process died, or lost Redis): nobody will ever read this shell.
      if (!ended && (await redis.exists(keys.web).catch(() => 1)) === 0) void exec.close();
    }
  } finally {
    await exec.close();
    await finished;
    clearInterval(beat);
    reader.disconnect();
    await redis.del(keys.in, keys.web, keys.worker).catch(() => {});
  }
}

/** After a failed read (Redis away): wait a little before the next, so a lost connection is not a busy loop. */
async function pause(ms: number): Promise<null> {
  await new Promise((r) => setTimeout(r, ms));
  return null;
}
