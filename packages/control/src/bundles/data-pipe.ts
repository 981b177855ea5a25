// A one-way byte pipe between the web process and the worker over one Redis stream, for a VDC's
// data on its way into or out of a `.colo.tar` (the web process has no Docker socket; only the
// worker reads and writes volumes). The writer waits while the reader is behind, so at most a few
// MiB sit in Redis whatever the size of the data; either side gives up once the other has been
// silent for a minute, and the key expires on its own.
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { randomAlphanumeric } from '../ids';
import { blockingRedis, entriesOf, relayRedis } from '../terminal/relay-channel';

export const PIPE_ID_PATTERN = /^pipe_[a-z0-9]{24}$/;

export const PIPE_LIMITS = {
  chunkBytes: 256 * 1024,
  /** Entries waiting past which the writer waits… */
  highEntries: 16,
  /** …until the reader is down to this. */
  lowEntries: 4,
  idleMs: 60_000,
  keyTtlMs: 120_000,
  blockMs: 2_000,
};

/** One frame: `v` a volume begins (its index), `d` bytes, `e` the volume ends, `z` all sent, `x` the writer failed (why). */
export type PipeFrame = { t: 'v'; index: number } | { t: 'd'; data: Buffer } | { t: 'e' } | { t: 'z' };

export function newPipeId(): string {
  return `pipe_${randomAlphanumeric(24)}`;
}

function pipeKey(id: string): string {
  if (!PIPE_ID_PATTERN.test(id)) throw new ColoError('bad_request', 'not a data pipe id');
  return `colo:${engineConfig().instance}:bundle-pipe:${id}`;
}

export interface PipeWriterOptions {
  /** How long to wait for a reader that is behind (or has not begun): a minute unless said. */
  patienceMs?: number;
  /** Asked every few seconds while waiting: false gives up (the reader failed for good). */
  alive?: () => Promise<boolean>;
}

export class PipeWriter {
  private readonly key: string;
  private aborted?: string;
  private readonly options: PipeWriterOptions;

  constructor(id: string, options: PipeWriterOptions = {}) {
    this.key = pipeKey(id);
    this.options = options;
  }

  /** The reader failed (or will never come): every send from now on throws. */
  abort(reason: string): void {
    this.aborted ??= reason;
  }

  private async send(fields: (string | Buffer)[]): Promise<void> {
    if (this.aborted) throw new ColoError('internal', this.aborted);
    const redis = relayRedis();
    const replies = await redis.multi().xadd(this.key, '*', ...fields).pexpire(this.key, PIPE_LIMITS.keyTtlMs).xlen(this.key).exec();
    let waiting = Number(replies?.[2]?.[1] ?? 0);
    if (waiting < PIPE_LIMITS.highEntries) return;
    const since = Date.now();
    const patience = this.options.patienceMs ?? PIPE_LIMITS.idleMs;
    let asked = since;
    while (waiting > PIPE_LIMITS.lowEntries) {
      if (this.aborted) throw new ColoError('internal', this.aborted);
      if (Date.now() - since > patience) throw new ColoError('worker_unavailable', `the other side stopped reading the data for ${Math.round(patience / 1000)} s`);
      if (this.options.alive && Date.now() - asked > 2_000) {
        asked = Date.now();
        if (!(await this.options.alive())) this.abort('the reading side gave up');
      }
      await new Promise((r) => setTimeout(r, 50));
      waiting = await redis.xlen(this.key);
    }
  }

  beginVolume(index: number): Promise<void> {
    return this.send(['t', 'v', 'i', String(index)]);
  }

  async data(chunk: Uint8Array): Promise<void> {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = 0; at < buffer.length; at += PIPE_LIMITS.chunkBytes) await this.send(['t', 'd', 'd', buffer.subarray(at, at + PIPE_LIMITS.chunkBytes)]);
  }

  endVolume(): Promise<void> {
    return this.send(['t', 'e']);
  }

  done(): Promise<void> {
    return this.send(['t', 'z']);
  }

  /** Tells the reader why nothing more comes; never throws. */
  async fail(reason: string): Promise<void> {
    await relayRedis()
      .multi()
      .xadd(this.key, '*', 't', 'x', 'm', reason.slice(0, 1000))
      .pexpire(this.key, PIPE_LIMITS.keyTtlMs)
      .exec()
      .catch(() => {});
  }
}

/** The frames as they come, up to `z`; throws the writer's reason on `x`, or after a minute of silence. */
export async function* readPipe(id: string): AsyncGenerator<PipeFrame> {
  const key = pipeKey(id);
  const reader = blockingRedis();
  let last = '0-0';
  let heard = Date.now();
  try {
    for (;;) {
      const reply = await reader.xreadBuffer('COUNT', 64, 'BLOCK', PIPE_LIMITS.blockMs, 'STREAMS', key, last);
      const entries = entriesOf(reply as never);
      if (entries.length === 0) {
        if (Date.now() - heard > PIPE_LIMITS.idleMs) throw new ColoError('worker_unavailable', 'the data stopped coming for a minute');
        continue;
      }
      heard = Date.now();
      for (const [entryId, f] of entries) {
        last = entryId;
        const type = f.t?.toString();
        if (type === 'd' && f.d) yield { t: 'd', data: f.d };
        else if (type === 'v') yield { t: 'v', index: Number(f.i?.toString()) };
        else if (type === 'e') yield { t: 'e' };
        else if (type === 'z') {
          yield { t: 'z' };
          return;
        } else if (type === 'x') throw new ColoError('docker_error', f.m?.toString() || 'the sender failed');
      }
      await relayRedis()
        .xdel(key, ...entries.map(([entryId]) => entryId))
        .catch(() => {});
    }
  } finally {
    reader.disconnect();
    await relayRedis()
      .del(key)
      .catch(() => {});
  }
}

/** Reads one volume's bytes from a pipe's frames: expects `v index`, yields `d`s up to `e`. */
export async function* volumeFromPipe(frames: AsyncIterator<PipeFrame>, index: number): AsyncGenerator<Buffer> {
  const first = await frames.next();
  if (first.done || first.value.t !== 'v' || first.value.index !== index) throw new ColoError('internal', `the data pipe did not start volume ${index} where expected`);
  for (;;) {
    const next = await frames.next();
    if (next.done) throw new ColoError('internal', 'the data pipe ended inside a volume');
    if (next.value.t === 'e') return;
    if (next.value.t !== 'd') throw new ColoError('internal', 'the data pipe sent something else inside a volume');
    yield next.value.data;
  }
}
