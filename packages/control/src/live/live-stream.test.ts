// Live streams stay bounded: per-user slots, a paused source for a client that does not read,
// and an end when the caller's credentials are gone.
import { describe, expect, it } from 'vitest';
import { ColoError, isColoError } from '../errors';
import { type ServerEvent, toEventStream } from './event-stream';
import { openLiveStream, openStreamCount } from './live-stream';

const user = (id: string) => ({ id, email: `${id}@colo.test`, name: id });

async function* endless(signal: AbortSignal): AsyncGenerator<ServerEvent> {
  while (!signal.aborted) {
    yield { event: 'tick', data: 'x'.repeat(1000) };
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function readUntil(stream: ReadableStream<Uint8Array>, pattern: RegExp, limitMs = 3000): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + limitMs;
  try {
    while (Date.now() < deadline) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
      if (pattern.test(text)) return text;
    }
  } finally {
    reader.releaseLock();
  }
  throw new Error(`no ${pattern} within ${limitMs} ms: ${text.slice(-300)}`);
}

describe('live streams per user', () => {
  it('refuses the stream past the limit with 429, and frees a slot when one closes', async () => {
    const ann = user('usr_ann');
    const open = Array.from({ length: 3 }, () => openLiveStream(ann, endless, { maxPerUser: 3 }));
    expect(openStreamCount(ann.id)).toBe(3);
    let refused: unknown;
    try {
      openLiveStream(ann, endless, { maxPerUser: 3 });
    } catch (err) {
      refused = err;
    }
    expect(isColoError(refused, 'rate_limited') && refused.message).toMatch(/3 live streams open/);
    // Someone else is not affected.
    const bob = openLiveStream(user('usr_bob'), endless, { maxPerUser: 3 });
    await open[0].cancel();
    expect(openStreamCount(ann.id)).toBe(2);
    const again = openLiveStream(ann, endless, { maxPerUser: 3 });
    for (const s of [...open.slice(1), again, bob]) await s.cancel();
    expect(openStreamCount(ann.id)).toBe(0);
    expect(openStreamCount('usr_bob')).toBe(0);
  });

  it('gives the slot back when the source ends by itself', async () => {
    async function* short(): AsyncGenerator<ServerEvent> {
      yield { event: 'status', data: 1 };
    }
    const stream = openLiveStream(user('usr_cy'), short, { maxPerUser: 1 });
    await readUntil(stream, /event: status/);
    await new Promise((r) => setTimeout(r, 20));
    expect(openStreamCount('usr_cy')).toBe(0);
  });
});

describe('a client that does not read', () => {
  it('pauses the source instead of buffering what it yields', async () => {
    let produced = 0;
    async function* counting(signal: AbortSignal): AsyncGenerator<ServerEvent> {
      while (!signal.aborted) {
        produced++;
        yield { event: 'tick', data: 'x'.repeat(10_000) };
      }
    }
    const stream = toEventStream(counting);
    await new Promise((r) => setTimeout(r, 300));
    // Only the stream's small high-water mark was pulled: nobody read anything.
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThanOrEqual(20);
    await stream.cancel();
  });
});

describe('credentials that lapse', () => {
  it('end the stream with a problem event once the re-check says so', async () => {
    let signedIn = true;
    const recheck = async () => {
      if (!signedIn) throw new ColoError('unauthorized', 'sign in or pass a valid API token');
    };
    const stream = toEventStream(endless, { recheck, recheckMs: 30 });
    const reader = stream.getReader();
    await reader.read();
    signedIn = false;
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('event: problem\ndata: {"error":{"code":"unauthorized"');
  });

  it('keep the stream through a re-check that fails for another reason (a database hiccup)', async () => {
    let checks = 0;
    const recheck = async () => {
      checks++;
      throw new Error('connection refused');
    };
    const stream = toEventStream(endless, { recheck, recheckMs: 20 });
    const text = await readUntil(stream, /tick/, 2000);
    await new Promise((r) => setTimeout(r, 100));
    expect(checks).toBeGreaterThan(1);
    expect(text).not.toContain('problem');
    await stream.cancel();
  });
});
