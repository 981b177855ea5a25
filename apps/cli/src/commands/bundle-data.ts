// The data half of `colo export --with-data` and `colo import FILE.colo.tar`: a VDC with a
// snapshot's data as one `.colo.tar`, downloaded to a file (never over one) and uploaded from
// one, streamed both ways with the bytes counted on stderr.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { operationSchema } from '@colo/api';
import { z } from 'zod';
import type { ColoClient } from '../api-client';
import type { CliContext } from '../context';
import { CliError, formatWarning } from '../errors';
import { bytesText } from '../format';

/** Whether a file is a tar (ustar magic at 257), by its first block; `.colo.yaml` text never is. */
export async function isTarFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const block = Buffer.alloc(512);
    const { bytesRead } = await handle.read(block, 0, 512, 0);
    return bytesRead === 512 && block.subarray(257, 262).toString('latin1') === 'ustar';
  } finally {
    await handle.close();
  }
}

/** Prints `[ 40%] 12.0 MiB of 30.0 MiB` at most once a second and at the end. */
function progressCounter(ctx: CliContext, verb: string, total: number | undefined) {
  let done = 0;
  let shown = 0;
  const line = () => `${total ? `[${String(Math.floor((done / Math.max(total, 1)) * 100)).padStart(3)}%] ` : ''}${verb} ${bytesText(done)}${total ? ` of ${bytesText(total)}` : ''}`;
  return {
    add(bytes: number) {
      done += bytes;
      if (ctx.now() - shown >= 1000) {
        shown = ctx.now();
        ctx.err(line());
      }
    },
    finish() {
      ctx.err(line());
    },
  };
}

export async function downloadArchive(ctx: CliContext, client: ColoClient, o: { name: string; snapshot: number; output: string }): Promise<{ bytes: number }> {
  const file = path.resolve(ctx.cwd, o.output);
  if (existsSync(file)) throw new CliError(`${o.output} exists; it was left as it is`);
  const response = await client.transfer('GET', `/vdcs/${encodeURIComponent(o.name)}/bundle`, { query: { withData: '1', snapshot: o.snapshot } });
  const total = Number(response.headers.get('x-colo-archive-bytes') ?? response.headers.get('content-length') ?? '') || undefined;
  const partial = `${file}.partial`;
  const progress = progressCounter(ctx, 'downloaded', total);
  let bytes = 0;
  try {
    const out = createWriteStream(partial, { flags: 'wx' });
    let failed: Error | undefined;
    out.on('error', (err) => {
      failed ??= err;
    });
    const body = response.body ? Readable.fromWeb(response.body as never) : Readable.from([]);
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      progress.add(chunk.length);
      if (failed) throw failed;
      if (!out.write(chunk)) await new Promise<void>((resolve) => {
        out.once('drain', () => resolve());
        out.once('error', () => resolve());
      });
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (total !== undefined && bytes !== total) throw new CliError(`the download stopped after ${bytesText(bytes)} of ${bytesText(total)}`);
    progress.finish();
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`the download failed: ${(error as Error).message}`);
  }
  return { bytes };
}

const volumeSchema = z.looseObject({ appliance: z.string(), volume: z.string(), bytes: z.number() });
const archiveImportedSchema = z.looseObject({
  vdc: z.looseObject({ name: z.string() }).optional(),
  revision: z.union([z.number(), z.looseObject({ number: z.number() })]).optional(),
  manifest: z.record(z.string(), z.unknown()).optional(),
  report: z.array(z.string()).default([]),
  warnings: z.array(z.looseObject({ path: z.string().optional(), message: z.string() })).default([]),
  errors: z.array(z.looseObject({ path: z.string().optional(), message: z.string() })).default([]),
  volumes: z.array(volumeSchema).default([]),
  /** The data_import filling the new VDC's volumes. */
  operation: operationSchema.optional(),
});
export type ArchiveImported = z.infer<typeof archiveImportedSchema>;

export async function uploadArchive(ctx: CliContext, client: ColoClient, o: { file: string; name?: string; dryRun: boolean }): Promise<ArchiveImported> {
  const file = path.resolve(ctx.cwd, o.file);
  const size = (await stat(file)).size;
  const progress = progressCounter(ctx, 'uploaded', size);
  const source = createReadStream(file, { highWaterMark: 256 * 1024 });
  source.on('data', (chunk) => progress.add(chunk.length));
  source.on('end', () => {
    progress.finish();
    ctx.err('checking the archive…');
  });
  const response = await client.transfer('POST', '/bundles/import', {
    query: { name: o.name, dryRun: o.dryRun ? '1' : undefined },
    body: Readable.toWeb(source) as ReadableStream<Uint8Array>,
    contentType: 'application/x-tar',
    length: size,
  });
  const parsed = archiveImportedSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new CliError('unexpected answer from POST /api/v1/bundles/import');
  return parsed.data;
}

/** What was made; the filling is followed before (colo import waits for its data_import). */
export function printArchiveImport(ctx: CliContext, answer: ArchiveImported): void {
  for (const line of answer.report) ctx.out(line);
  for (const issue of answer.warnings) ctx.out(formatWarning({ path: issue.path ?? '', message: issue.message } as Parameters<typeof formatWarning>[0]));
  const revision = typeof answer.revision === 'number' ? answer.revision : answer.revision?.number;
  const data = answer.volumes.map((v) => `${v.appliance}/${v.volume}`).join(', ');
  const name = answer.vdc?.name ?? '';
  ctx.out(`created VDC ${name}${revision ? ` (revision ${revision})` : ''} with the data of ${answer.volumes.length} volume${answer.volumes.length === 1 ? '' : 's'}${data ? ` (${data})` : ''}, not deployed`);
}
