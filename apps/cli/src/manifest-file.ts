// Reads the manifest a command was given with `-f FILE` (or `-f -` for stdin). The text goes to
// the server unchanged — the server validates it — but apply needs the VDC's name first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { CliContext } from './context';
import { CliError, UsageError } from './errors';

export interface ManifestSource {
  text: string;
  /** What to call it in messages: the file as given, or "stdin". */
  label: string;
}

/** Manifests are small; a megabyte is far beyond any real one and stops an accidental upload. */
const MAX_BYTES = 1024 * 1024;

export async function readManifest(ctx: CliContext, file: string | undefined, command: string): Promise<ManifestSource> {
  if (!file) throw new UsageError('missing -f FILE (the manifest, or - for stdin)', command);
  return readInputFile(ctx, file, { noun: 'manifest', maxBytes: MAX_BYTES, tooBig: 'larger than 1 MiB, not a manifest' });
}

/**
 * A text file a command was given (`-` for stdin), refused when missing, a directory, larger
 * than `maxBytes` (`tooBig` says so) or empty, each message naming the file and the `noun`.
 */
export async function readInputFile(
  ctx: CliContext,
  file: string,
  o: { noun: string; maxBytes: number; tooBig: string },
): Promise<ManifestSource> {
  let text: string;
  if (file === '-') {
    text = await ctx.readStdin();
  } else {
    try {
      text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
      if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not a ${o.noun}`);
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const label = file === '-' ? 'stdin' : file;
  if (Buffer.byteLength(text) > o.maxBytes) throw new CliError(`${label}: ${o.tooBig}`);
  if (!text.trim()) throw new CliError(`${label}: empty ${o.noun}`);
  return { text, label };
}

/** The VDC name a manifest declares (YAML or JSON: JSON is YAML). */
export function manifestName(source: ManifestSource): string {
  let doc: unknown;
  try {
    doc = parse(source.text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new CliError(`${source.label}: not valid YAML or JSON: ${reason}`);
  }
  const name = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).name : undefined;
  if (typeof name !== 'string' || !name) {
    throw new CliError(`${source.label}: the manifest has no name (add \`name: my-vdc\` at the top level)`);
  }
  return name;
}
