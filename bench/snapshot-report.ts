// bench/snapshot's output: the figures with their targets, where each copy's time went (from
// Docker's events), and a block to paste into the README.
import type { CopyProgress, CopyVolumesResult } from '@colo/engine';
import type { DiskCopy } from './snapshot-site';
import type { CopyBreakdown } from './snapshot-trace';

export interface Row {
  figure: string;
  measured: string;
  target: string;
  /** `pass`, `miss`, `skip`, or empty for a figure without a target. */
  verdict: string;
  note: string;
}

export interface TimedCopy {
  site: string;
  what: string;
  /** From the call to its return. */
  wallMs: number;
  /** syncfs right after: what the copy left in the page cache reaching the disk. */
  flushMs: number;
  copy: CopyVolumesResult;
  volumes: number;
  /** When each progress phase was first reported, from the call. */
  marks: Partial<Record<CopyProgress['phase'], number>>;
  trace?: CopyBreakdown;
  /** The disk's own copy made just before (the faster way first), where one was. */
  disk?: DiskCopy[];
}

export const verdict = (ok: boolean) => (ok ? 'pass' : 'MISS');

const s = (ms: number) => `${(ms / 1000).toFixed(2)}`;

function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

function breakdownRow(t: TimedCopy): string[] {
  const b = t.trace;
  if (!b) return [`${t.site}: ${t.what}`, s(t.wallMs), '?', '?', '?', '?', '?', '?', '?'];
  const each = (xs: number[]) => (xs.length > 1 ? ` (${xs.map(s).join(', ')})` : '');
  const pause = t.copy.pauseMs
    ? b.syncEachMs.length > 0
      ? `${s(t.copy.pauseMs)} = pause ${s(b.pauseCallMs)} + sync ×${b.syncEachMs.length} ${s(b.syncMs)} + unpause ${s(b.unpauseMs)}`
      : `${s(t.copy.pauseMs)} = pause ${s(b.pauseCallMs)} + the one reflink pass + unpause`
    : '-';
  return [
    `${t.site}: ${t.what}`,
    s(t.wallMs),
    b.warm ? `warm: first exec after ${s(b.toolUpMs)}` : `${s(b.toolUpMs)} (start ${s(b.toolStartMs)})`,
    s(b.measureMs),
    `${s(b.fullMs)}${each(b.fullEachMs)}`,
    s(b.idleAfterFullMs),
    pause,
    b.warm ? '-' : `${s(b.removeMs)} + ${s(b.afterToolMs)}`,
    `${b.execs} (${b.progressExecs} for progress)`,
  ];
}

/** The breakdown as one line, for the progress log. */
export function breakdownLine(t: TimedCopy): string {
  const [, , up, measure, full, idle, pause, removal, execs] = breakdownRow(t);
  return `tool up ${up}, probe+du ${measure}, full ${full}, idle ${idle}, pause ${pause}, removal ${removal}, execs ${execs}`;
}

export function printReport(rows: Row[], copies: TimedCopy[], meta: { rounds: number; cpus: number; mainFs: string; runMs: number; load: [number, number] }): void {
  const out = (line = '') => console.log(line);
  out();
  out(`bench/snapshot: ${meta.cpus} CPUs, main daemon's volumes on ${meta.mainFs}, ${meta.rounds} round(s), the median round unless "worst"; ran ${Math.round(meta.runMs / 1000)} s`);
  out(`load average ${meta.load[0].toFixed(1)} at the start, ${meta.load[1].toFixed(1)} at the end: other work on this machine shares its disk and CPUs`);
  out();
  for (const line of table(['figure', 'measured', 'target', 'verdict', 'note'], rows.map((r) => [r.figure, r.measured, r.target, r.verdict, r.note]))) out(line);
  out();
  out('Where the time went (seconds, from Docker\'s events; the rounds shown above):');
  const head = ['copy', 'total', 'volume tool up', 'probe + du', 'full copies', 'idle after copies', 'pause window', 'tool removal + after', 'execs'];
  for (const line of table(head, copies.map(breakdownRow))) out(line);
  out('  volume tool up: from the call (target volumes made) until the tool container runs; idle after copies: the last `full`');
  out('  exec ended and nothing ran until the writers were paused (or the tool was killed).');
  out();
  out('For the README:');
  out();
  out(`Snapshots and clones, measured by \`npx tsx bench/snapshot.ts\` (${meta.cpus} CPUs; volumes on ${meta.mainFs}, and on a scratch XFS with reflink):`);
  out();
  for (const r of rows) {
    const judged = { pass: ': met', MISS: ': missed', skip: `: not measured, ${r.note}` }[r.verdict] ?? '';
    out(`- ${r.figure.trim()}: ${r.measured}${r.target ? ` (target ${r.target}${judged})` : ''}`);
  }
}
