// Request bodies read as a stream under a hard cap, before any parsing. Content-Length is only a
// hint: a chunked upload has none and a client may lie, so the bytes are counted as they arrive
// and the stream is cancelled the moment they pass the cap; nothing past it is ever held.
import { ColoError } from '@colo/control';
import type { z } from 'zod';

/** Large enough for a big manifest as text, small enough to refuse abuse early. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

function tooLarge(limit: number): ColoError {
  return new ColoError('payload_too_large', `the request body is over ${limit} bytes (${Math.round(limit / 1024)} KiB); send a smaller one`);
}

/** The body as UTF-8 text, or `payload_too_large` as soon as more than `limit` bytes arrived. */
export async function readCappedText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    // Refused unread; cancelling tells the server not to wait for the rest.
    await req.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((err: unknown) => {
        // The client hung up mid-body, or sent bytes the stream cannot carry.
        throw new ColoError('bad_request', 'the request body could not be read', { cause: err });
      });
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  // fatal: false keeps a stray bad byte from becoming a 500; JSON.parse judges the text.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

export interface ReadBodyOptions {
  /**
   * Let NUL characters through: for text that never reaches Postgres, where NUL means something
   * (keys typed into a terminal: Ctrl+Space sends one).
   */
  allowNul?: boolean;
}

/** The JSON body checked against `schema`; `{}` for an empty body so optional fields work. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S, limit = MAX_BODY_BYTES, options: ReadBodyOptions = {}): Promise<z.infer<S>> {
  const text = await readCappedText(req, limit);
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ColoError('bad_request', 'the request body is not JSON');
    }
  }
  const nul = options.allowNul ? undefined : findNul(data);
  if (nul !== undefined) throw new ColoError('bad_request', `${nul || 'body'}: text may not contain NUL (\\u0000) characters`);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ColoError('bad_request', `${first.path.join('.') || 'body'}: ${first.message}`);
  }
  return parsed.data;
}

/**
 * The path of the first string (or key) holding a NUL character, which Postgres cannot store:
 * refused here, once, instead of failing deep inside a write. Iterative, so depth costs no stack.
 */
export function findNul(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([item, at]);
      }
    }
  }
  return undefined;
}
