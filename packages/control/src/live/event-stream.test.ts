import { describe, expect, it } from 'vitest';
import { ColoError } from '../errors';
import { formatServerEvent, type ServerEvent, toEventStream } from './event-stream';

async function readAll(stream: ReadableStream<Uint8Array>, limitMs = 3000): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
  throw new Error(`stream still open after ${limitMs} ms: ${text}`);
}

describe('toEventStream', () => {
  it('frames named JSON events, then closes when the source ends', async () => {
    async function* source(): AsyncGenerator<ServerEvent> {
      yield { event: 'status', data: { a: 'line1\nline2' } };
      yield { event: 'operation', data: [1, 2] };
    }
    const text = await readAll(toEventStream(source, { retryMs: 1500 }));
    expect(text).toBe('retry: 1500\n: connected\n\nevent: status\ndata: {"a":"line1\\nline2"}\n\nevent: operation\ndata: [1,2]\n\n');
  });

  it('sends heartbeat comments while the source is quiet', async () => {
    const ctl = new AbortController();
    async function* quiet(signal: AbortSignal): AsyncGenerator<ServerEvent> {
      await new Promise((r) => setTimeout(r, 250));
      if (!signal.aborted) yield { event: 'status', data: 1 };
    }
    const text = await readAll(toEventStream(quiet, { heartbeatMs: 40, signal: ctl.signal }));
    expect(text.match(/: heartbeat\n\n/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(text.endsWith('event: status\ndata: 1\n\n')).toBe(true);
  });

  it('turns a failing source into a problem event instead of a broken connection', async () => {
    async function* failing(): AsyncGenerator<ServerEvent> {
      yield { event: 'status', data: 1 };
      throw new ColoError('not_found', 'VDC "x" not found');
    }
    const text = await readAll(toEventStream(failing));
    expect(text).toContain('event: problem\ndata: {"error":{"code":"not_found","message":"VDC \\"x\\" not found"}}\n\n');
  });

  it('stops the source when the client goes away: cancel or the request signal', async () => {
    for (const how of ['cancel', 'signal'] as const) {
      const ctl = new AbortController();
      let sourceSignal: AbortSignal | undefined;
      let finished = false;
      async function* endless(signal: AbortSignal): AsyncGenerator<ServerEvent> {
        sourceSignal = signal;
        try {
          while (!signal.aborted) {
            yield { event: 'tick', data: Date.now() };
            await new Promise((r) => setTimeout(r, 10));
          }
        } finally {
          finished = true;
        }
      }
      const stream = toEventStream(endless, { signal: ctl.signal });
      const reader = stream.getReader();
      await reader.read();
      await reader.read();
      if (how === 'cancel') await reader.cancel();
      else ctl.abort();
      await new Promise((r) => setTimeout(r, 50));
      expect(sourceSignal?.aborted, how).toBe(true);
      expect(finished, how).toBe(true);
    }
  });

  it('formats one event per data line', () => {
    expect(formatServerEvent({ event: 'log', data: { container: 'c', line: 'a\r\nb' } })).toBe('event: log\ndata: {"container":"c","line":"a\\r\\nb"}\n\n');
  });
});
