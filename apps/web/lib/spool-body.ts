// A large upload (a `.colo.tar` with a VDC's data) streamed to a private temporary file under a
// hard cap, so it can be read twice (checked whole, then poured into volumes) without being held
// in memory. Counted as it arrives, like request-body.ts: a lying Content-Length changes nothing.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ColoError } from '@colo/control';

export interface SpooledBody {
  bytes: number;
  /** The body from its start, as often as asked. */
  open: () => AsyncIterable<Uint8Array>;
  remove: () => Promise<void>;
}

function tooLarge(limit: number): ColoError {
  return new ColoError('payload_too_large', `the upload is over ${Math.round(limit / 1024 ** 2)} MiB, the most this Colo imports`);
}

export async function spoolBody(req: Request, limit: number): Promise<SpooledBody> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'colo-import-'));
  const file = path.join(dir, 'upload.colo.tar');
  const remove = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(file, { mode: 0o600 });
  // A write failing (a full disk) or one still queued when a refusal destroys the stream: kept
  // here, never an unhandled 'error' event.
  let failed: Error | undefined;
  out.on('error', (err) => {
    failed ??= err;
  });
  let bytes = 0;
  try {
    if (req.body) {
      const reader = req.body.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch((err: unknown) => {
          throw new ColoError('bad_request', 'the request body could not be read', { cause: err });
        });
        if (done) break;
        bytes += value.byteLength;
        if (bytes > limit) {
          await reader.cancel().catch(() => {});
          throw tooLarge(limit);
        }
        if (failed) throw new ColoError('internal', `the upload could not be stored: ${failed.message}`);
        if (!out.write(value)) await new Promise<void>((resolve) => {
          out.once('drain', () => resolve());
          out.once('error', () => resolve());
        });
      }
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
  return { bytes, open: () => createReadStream(file, { highWaterMark: 256 * 1024 }), remove };
}
