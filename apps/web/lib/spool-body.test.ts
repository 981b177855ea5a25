// An upload spooled under its cap: read back whole, as often as asked, and removed after; one
// over the cap is refused as it arrives (a lying or missing Content-Length changes nothing) and
// leaves no file behind.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { spoolBody } from './spool-body';

function upload(bytes: Buffer, headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 1000) controller.enqueue(bytes.subarray(at, at + 1000));
      controller.close();
    },
  });
  return new Request('http://colo.test/api/v1/bundles/import', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const spools = async () => (await readdir(tmpdir())).filter((f) => f.startsWith('colo-import-')).length;

describe('spoolBody', () => {
  it('keeps an upload under its cap to be read twice, then removes it', async () => {
    const bytes = Buffer.alloc(10_000, 3);
    const spooled = await spoolBody(upload(bytes), 20_000);
    expect(spooled.bytes).toBe(10_000);
    expect((await readAll(spooled.open())).equals(bytes)).toBe(true);
    expect((await readAll(spooled.open())).equals(bytes)).toBe(true);
    await spooled.remove();
  });

  it('refuses an upload over its cap as it arrives, whatever Content-Length said, leaving nothing', async () => {
    const before = await spools();
    const lying = spoolBody(upload(Buffer.alloc(30_000, 1), { 'content-length': '100' }), 20_000);
    await expect(lying).rejects.toMatchObject({ code: 'payload_too_large' });
    const honest = spoolBody(upload(Buffer.alloc(30_000, 1), { 'content-length': '30000' }), 20_000);
    await expect(honest).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await spools()).toBe(before);
    expect(existsSync(tmpdir())).toBe(true);
  });
});
