// `colo top NAME`: what each appliance and replica of a VDC uses now (the newest sample the
// worker stored): CPU, memory against its limit, network and block I/O per second. Once, or
// with --watch on a terminal redrawn every 2 s until interrupted.
import { type VdcMetrics, vdcMetricsSchema } from '@colo/api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { ago, bytesText } from '../format';
import { renderTable } from '../table';

type Point = VdcMetrics['appliances'][number]['points'][number];

const WATCH_MS = 2000;
/** Clear the screen and go home: each frame replaces the last. */
const CLEAR = '\x1b[H\x1b[2J';

function row(label: string, replica: string, p: Point | undefined): (string | undefined)[] {
  if (!p) return [label, replica, undefined, undefined, undefined, undefined];
  return [
    label,
    replica,
    `${(p.cpu * 100).toFixed(1)}%`,
    `${bytesText(p.memoryUsed)} / ${bytesText(p.memoryLimit)}`,
    `${bytesText(p.netRx)}/s ↓ ${bytesText(p.netTx)}/s ↑`,
    `${bytesText(p.blockRead)}/s r ${bytesText(p.blockWrite)}/s w`,
  ];
}

/** The table of the newest point of each appliance (replicas summed) and of each replica. */
export function topLines(answer: VdcMetrics, now: number): string[] {
  if (answer.appliances.length === 0) return [`${answer.vdc}: no samples in the last 15 minutes (is it running, and the worker?)`];
  const rows: (string | undefined)[][] = [];
  let newest = 0;
  for (const a of answer.appliances) {
    const last = a.points.at(-1);
    newest = Math.max(newest, last?.t ?? 0);
    rows.push(row(a.name, a.replicas.length > 1 ? 'all' : String(a.replicas[0]?.replica ?? ''), last));
    if (a.replicas.length > 1) for (const r of a.replicas) rows.push(row(a.name, String(r.replica), r.points.at(-1)));
  }
  return [
    `${answer.vdc}: sampled ${ago(new Date(newest).toISOString(), now)}`,
    ...renderTable(['APPLIANCE', 'REPLICA', 'CPU', 'MEMORY', 'NET', 'BLOCK I/O'], rows),
  ];
}

async function frame(ctx: CliContext, name: string): Promise<VdcMetrics> {
  const client = await connect(ctx);
  return client.call('GET', `/vdcs/${encodeURIComponent(name)}/metrics`, vdcMetricsSchema, { query: { range: '15m' } });
}

export const top = defineCommand({
  name: 'top',
  summary: "show what a VDC's appliances and replicas use now: CPU, memory, network, block I/O",
  usage: 'NAME [--watch]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    watch: { type: 'boolean', short: 'w', description: 'on a terminal: redraw every 2 s until Ctrl-C (once otherwise)' },
  },
  examples: [
    '$ colo top shop',
    'shop: sampled 4s ago',
    'APPLIANCE  REPLICA  CPU    MEMORY              NET                       BLOCK I/O',
    'web        all      38.2%  96.3 MiB / 512 MiB  120 KiB/s ↓ 1.2 MiB/s ↑   0 B/s r 12.0 KiB/s w',
    'web        1        20.1%  48.0 MiB / 256 MiB  60.1 KiB/s ↓ 610 KiB/s ↑  0 B/s r 6.0 KiB/s w',
    'web        2        18.1%  48.3 MiB / 256 MiB  60.3 KiB/s ↓ 618 KiB/s ↑  0 B/s r 6.0 KiB/s w',
    'db         1        4.0%   211 MiB / 1.0 GiB   1.2 KiB/s ↓ 3.4 KiB/s ↑   0 B/s r 40.0 KiB/s w',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const first = await frame(ctx, name);
    if (flags.json) {
      ctx.out(JSON.stringify(first, null, 2));
      return 0;
    }
    const watching = Boolean(flags.watch) && ctx.stdoutIsTty === true;
    if (!watching) {
      for (const line of topLines(first, ctx.now())) ctx.out(line);
      return 0;
    }
    let answer = first;
    for (;;) {
      ctx.out(CLEAR + topLines(answer, ctx.now()).join('\n'));
      await ctx.sleep(WATCH_MS);
      answer = await frame(ctx, name);
    }
  },
});
