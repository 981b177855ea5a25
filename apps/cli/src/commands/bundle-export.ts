// `colo export NAME`: the VDC as a `.colo.yaml` bundle (its deployed revision, else its latest), on
// stdout or with -o FILE written there; never over an existing file. `--with-data`: a `.colo.tar`
// with a snapshot's data too (a new snapshot, followed with its progress, unless --snapshot N).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../api-client';
import type { CliContext } from '../context';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { bytesText } from '../format';
import { downloadArchive } from './bundle-data';
import { WAIT_FLAGS, runLifecycle } from './lifecycle';
import { snapshotNumberArg } from './snapshot';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export a VDC as a portable .colo.yaml bundle (its manifest and the class versions it needs)',
  usage: 'NAME [-o FILE] [--with-data [--snapshot N]]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write the bundle there (not over an existing file)' },
    'with-data': { type: 'boolean', description: 'a .colo.tar with the data of every instance volume, from a new snapshot (default file NAME.colo.tar)' },
    snapshot: { type: 'string', value: 'N', description: 'with --with-data: the data of snapshot N instead of a new one' },
    timeout: WAIT_FLAGS.timeout,
  },
  examples: [
    '$ colo export shop -o shop.colo.yaml',
    'wrote shop.colo.yaml (VDC shop, revision 3)',
    '$ colo export shop --with-data',
    'wrote shop.colo.tar (VDC shop, snapshot 4, 2 volumes, 41.0 MiB)',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME as string;
    if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) throw new UsageError(`"${name}" is not a VDC name`, 'export');
    if (flags['with-data']) return exportWithData(ctx, name, flags);
    if (flags.snapshot !== undefined) throw new UsageError('--snapshot goes with --with-data', 'export');
    const answer = await (await connect(ctx)).exportBundle(name);
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (!flags.output) {
      ctx.out(answer.text.trimEnd());
      return 0;
    }
    const file = path.resolve(ctx.cwd, flags.output);
    if (existsSync(file)) {
      ctx.err(`error: ${flags.output} exists; it was left as it is`);
      return 1;
    }
    await writeFile(file, answer.text, { flag: 'wx' });
    ctx.out(`wrote ${flags.output} (VDC ${name}, revision ${answer.bundle.from.revision})`);
    return 0;
  },
});

async function exportWithData(ctx: CliContext, name: string, flags: { output?: string; snapshot?: string; json: boolean; timeout?: string }): Promise<number> {
  const output = flags.output ?? `${name}.colo.tar`;
  if (existsSync(path.resolve(ctx.cwd, output))) {
    ctx.err(`error: ${output} exists; it was left as it is`);
    return 1;
  }
  const client = await connect(ctx);
  let number = flags.snapshot === undefined ? undefined : snapshotNumberArg(flags.snapshot, 'export');
  if (number === undefined) {
    // A new snapshot first, followed like `colo snapshot --wait` (its progress on stdout).
    const code = await runLifecycle(ctx, { command: 'export', name, flags: { wait: true, json: false, timeout: flags.timeout }, start: (c) => c.snapshot(name, 'for colo export --with-data') });
    if (code !== 0) return code;
    number = (await client.snapshots(name)).snapshots.find((s) => s.status === 'ready')?.number;
    if (number === undefined) {
      ctx.err(`error: the snapshot of ${name} is not ready`);
      return 1;
    }
  }
  const snap = (await client.snapshots(name)).snapshots.find((s) => s.number === number);
  const { bytes } = await downloadArchive(ctx, client, { name, snapshot: number, output });
  const volumes = snap?.volumes.length ?? 0;
  if (flags.json) ctx.out(JSON.stringify({ file: output, vdc: name, snapshot: number, bytes, volumes }, null, 2));
  else ctx.out(`wrote ${output} (VDC ${name}, snapshot ${number}, ${volumes} volume${volumes === 1 ? '' : 's'}, ${bytesText(bytes)})`);
  return 0;
}
