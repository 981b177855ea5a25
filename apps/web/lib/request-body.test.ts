import { isColoError } from '@colo/control';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_BODY_BYTES, readBody, readCappedText } from './request-body';

const CHUNK = 64 * 1024;
/** Request wraps the body in a stream of its own that pulls a chunk or two ahead. */
const READ_AHEAD = 4 * CHUNK;

/** A chunked upload of `total` bytes, made only as the reader pulls, counting what it handed out. */
function lazyBody(total: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(CHUNK, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, sent: () => sent };
}

function post(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1/api/v1/vdcs', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  if (!isColoError(err)) throw new Error(`expected a ColoError, got ${String(err)}`);
  return err;
}

describe('request bodies', () => {
  it('refuses a 50 MB chunked upload with 413 after reading no more than the cap', async () => {
    const body = lazyBody(50 * 1024 * 1024);
    const err = await failure(readCappedText(post(body.stream)));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toContain(String(MAX_BODY_BYTES));
    // The process held at most the cap plus the stream's read-ahead: the rest was never produced.
    expect(body.sent()).toBeLessThanOrEqual(MAX_BODY_BYTES + READ_AHEAD);
  });

  it('does not believe a Content-Length that understates the body', async () => {
    const body = lazyBody(10 * 1024 * 1024);
    const err = await failure(readCappedText(post(body.stream, { 'content-length': '10' })));
    expect(err.code).toBe('payload_too_large');
    expect(body.sent()).toBeLessThanOrEqual(MAX_BODY_BYTES + READ_AHEAD);
  });

  it('refuses a declared oversize body without reading it', async () => {
    const body = lazyBody(10 * 1024 * 1024);
    const err = await failure(readCappedText(post(body.stream, { 'content-length': String(MAX_BODY_BYTES + 1) })));
    expect(err.code).toBe('payload_too_large');
    expect(body.sent()).toBeLessThanOrEqual(READ_AHEAD);
  });

  it('reads a body at the cap, and parses JSON against the schema', async () => {
    const atCap = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect((await readCappedText(post(atCap))).length).toBe(MAX_BODY_BYTES);
    const schema = z.object({ name: z.string() });
    expect(await readBody(post('{"name":"shop"}'), schema)).toEqual({ name: 'shop' });
    expect((await failure(readBody(post('{"name":'), schema))).code).toBe('bad_request');
    expect((await failure(readBody(post('{"name":1}'), schema))).message).toMatch(/^name: /);
  });

  it('refuses text Postgres cannot store (NUL), naming where', async () => {
    const schema = z.object({ name: z.string() }).loose();
    const err = await failure(readBody(post('{"name":"ok","deep":[{"x":"a\\u0000b"}]}'), schema));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/^deep\[0\]\.x: /);
  });

  it('lets NUL through where asked (terminal input never reaches Postgres)', async () => {
    const schema = z.object({ data: z.string() });
    expect(await readBody(post('{"data":"\\u0000x"}'), schema, MAX_BODY_BYTES, { allowNul: true })).toEqual({ data: '\u0000x' });
  });
});
