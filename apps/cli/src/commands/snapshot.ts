// `colo snapshot NAME [-m NOTE]`, `colo snapshots NAME [--delete N]` and `colo restore NAME N`:
// a VDC's data as a unit. Each change is an operation, followed like apply's with --wait.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { ago, bytesText } from '../format';
import { renderTable } from '../table';
import { WAIT_FLAGS, confirmOrRefuse, runLifecycle } from './lifecycle';

export function snapshotNumberArg(raw: string | undefined, command: string): number {
  if (!raw || !/^[1-9][0-9]{0,8}$/.test(raw)) throw new UsageError(`snapshot number "${raw ?? ''}" must be a positive whole number (see: colo snapshots NAME)`, command);
  return Number(raw);
}

export const snapshot = defineCommand({
  name: 'snapshot',
  summary: 'take a snapshot of a VDC: its revision and a consistent copy of every volume',
  usage: 'NAME [-m NOTE] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    message: { type: 'string', short: 'm', value: 'NOTE', description: 'a note kept with the snapshot' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo snapshot shop -m "before the 2.0 upgrade" --wait',
    '[ 45%] copying 1.0 GiB by streaming copy',
    '[100%] snapshot succeeded in 4.1s',
    'snapshot 3 of shop: 2 volumes, 1.0 GiB by copy; writers paused 180 ms',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const code = await runLifecycle(ctx, { command: 'snapshot', name, flags, start: (client) => client.snapshot(name, flags.message) });
    if (code === 0 && flags.wait && !flags.json) await printNewest(ctx, name);
    return code;
  },
});

async function printNewest(ctx: CliContext, name: string): Promise<void> {
  const { snapshots } = await (await connect(ctx)).snapshots(name);
  const s = snapshots.find((x) => x.status === 'ready');
  if (!s) return;
  ctx.out(
    `snapshot ${s.number} of ${name}: ${s.volumes.length} volume${s.volumes.length === 1 ? '' : 's'}, ${bytesText(s.sizeBytes)}` +
      (s.method ? ` by ${s.method}` : '') +
      (s.pauseMs ? `; writers paused ${s.pauseMs} ms` : ''),
  );
}

export const snapshots = defineCommand({
  name: 'snapshots',
  summary: 'list a VDC\'s snapshots, newest first; --delete N removes one and its data',
  usage: 'NAME [--delete NUMBER [--yes] [--wait]]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    delete: { type: 'string', value: 'NUMBER', description: 'delete this snapshot and its copied volumes, for good' },
    yes: { type: 'boolean', short: 'y', description: 'with --delete: do not ask for confirmation' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo snapshots shop',
    'NUMBER  TAKEN   REVISION  SIZE     VOLUMES  METHOD  PAUSED  NOTE',
    '3       5m ago  7         1.0 GiB  2        copy    180 ms  before the 2.0 upgrade',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    if (flags.delete !== undefined) {
      const number = snapshotNumberArg(flags.delete, 'snapshots');
      await confirmOrRefuse(ctx, {
        yes: flags.yes,
        command: 'snapshots',
        what: `delete snapshot ${number}`,
        question: `delete snapshot ${number} of ${name} and its data? [y/N] `,
        cancelled: 'cancelled: nothing was changed',
      });
      return runLifecycle(ctx, { command: 'snapshots', name, flags, start: (client) => client.deleteSnapshot(name, number) });
    }
    if (flags.wait || flags.timeout !== undefined) throw new UsageError('--wait and --timeout only apply with --delete', 'snapshots');
    const { snapshots: list } = await (await connect(ctx)).snapshots(name);
    if (flags.json) {
      ctx.out(JSON.stringify({ snapshots: list }, null, 2));
      return 0;
    }
    if (list.length === 0) {
      ctx.out(`no snapshots of ${name} yet (take one: colo snapshot ${name})`);
      return 0;
    }
    const now = ctx.now();
    const rows = list.map((s) => [
      s.number,
      s.status === 'ready' ? ago(s.createdAt, now) : s.status,
      s.revision ?? '-',
      bytesText(s.sizeBytes),
      s.volumes.length,
      s.method ?? '-',
      s.pauseMs === null || s.pauseMs === undefined ? '-' : `${s.pauseMs} ms`,
      s.note ?? '',
    ]);
    for (const line of renderTable(['NUMBER', 'TAKEN', 'REVISION', 'SIZE', 'VOLUMES', 'METHOD', 'PAUSED', 'NOTE'], rows)) ctx.out(line);
    return 0;
  },
});

export const restore = defineCommand({
  name: 'restore',
  summary: 'put a VDC back to a snapshot, data and revision; a safety snapshot is taken first',
  usage: 'NAME SNAPSHOT [--yes] [--wait] [--timeout SECONDS]',
  positionals: [
    { name: 'NAME', description: 'the VDC' },
    { name: 'SNAPSHOT', description: 'the snapshot\'s number (colo snapshots NAME)' },
  ],
  flags: {
    yes: { type: 'boolean', short: 'y', description: 'do not ask for confirmation (needed when not on a terminal)' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo restore shop 3 --yes --wait',
    'restoring shop to snapshot 3: a safety snapshot of it as it is comes first; it stops, gets the data back and starts again',
    '[100%] restore succeeded in 9.8s',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const number = snapshotNumberArg(positionals.SNAPSHOT, 'restore');
    await confirmOrRefuse(ctx, {
      yes: flags.yes,
      command: 'restore',
      what: `restore ${name}`,
      question: `restore ${name} to snapshot ${number}? it stops meanwhile; a safety snapshot is taken first [y/N] `,
      cancelled: 'restore cancelled: nothing was changed',
    });
    return runLifecycle(ctx, {
      command: 'restore',
      name,
      flags,
      start: (client) => client.restore(name, number),
      announce: [`restoring ${name} to snapshot ${number}: a safety snapshot of it as it is comes first; it stops, gets the data back and starts again`],
    });
  },
});
