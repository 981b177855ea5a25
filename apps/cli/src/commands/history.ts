// `colo history NAME` and `colo diff NAME REV1 REV2`: a VDC's time machine on the command line.
// History is one timeline, newest first, of what was saved (revisions), kept (snapshots) and done
// (operations); diff shows what changed between two revisions as `diff -u` does.
import { stringifyManifest, unifiedDiff } from '@colo/manifest';
import { connect } from '../api-client';
import type { Operation, Snapshot } from '@colo/api';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { ago, bytesText, duration, errorText } from '../format';
import { renderTable } from '../table';

export interface HistoryEvent {
  at: string;
  what: string;
  detail: string;
}

function operationDetail(op: Operation): string {
  const result = op.result ?? {};
  const bits: string[] = [op.status];
  if (op.startedAt && op.finishedAt) bits.push(`in ${duration(Date.parse(op.finishedAt) - Date.parse(op.startedAt))}`);
  if (typeof result.snapshot === 'number') bits.push(`snapshot ${result.snapshot}`);
  if (typeof result.vdc === 'string') bits.push(`→ ${result.vdc}`);
  const error = op.failure?.message ?? errorText(op.error);
  if (error) bits.push(error);
  return bits.join(', ');
}

/** Revisions, snapshots and operations as one timeline, newest first. */
export function historyTimeline(revisions: { number: number; createdAt?: string | null }[], snapshots: Snapshot[], operations: Operation[]): HistoryEvent[] {
  const events: HistoryEvent[] = [
    ...revisions.map((r) => ({ at: r.createdAt ?? '', what: `revision ${r.number}`, detail: 'saved' })),
    ...snapshots.map((s) => ({
      at: s.createdAt ?? '',
      what: `snapshot ${s.number}`,
      detail: [s.status === 'ready' ? bytesText(s.sizeBytes) : s.status, s.revision ? `of revision ${s.revision}` : '', s.note ? `"${s.note}"` : ''].filter(Boolean).join(', '),
    })),
    ...operations.map((op) => ({ at: op.createdAt ?? '', what: op.kind.replace('_', ' '), detail: operationDetail(op) })),
  ];
  return events.sort((a, b) => b.at.localeCompare(a.at));
}

export const history = defineCommand({
  name: 'history',
  summary: 'a VDC\'s timeline: revisions saved, snapshots kept and operations run, newest first',
  usage: 'NAME [--json]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  examples: [
    '$ colo history shop',
    'WHEN     WHAT           DETAIL',
    '2m ago   restore        succeeded, in 9.8s',
    '3m ago   snapshot 4     48.2 MiB, of revision 3, "before restoring snapshot 2"',
    '1h ago   revision 3     saved',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const client = await connect(ctx);
    const [{ revisions }, { snapshots }, { operations }] = await Promise.all([client.revisions(name), client.snapshots(name), client.operations(name)]);
    const events = historyTimeline(revisions, snapshots, operations);
    if (flags.json) {
      ctx.out(JSON.stringify({ vdc: name, history: events }, null, 2));
      return 0;
    }
    const now = ctx.now();
    for (const line of renderTable(['WHEN', 'WHAT', 'DETAIL'], events.map((e) => [ago(e.at, now), e.what, e.detail]))) ctx.out(line);
    return 0;
  },
});

function revisionArg(raw: string | undefined, which: string): number {
  if (!raw || !/^[1-9][0-9]{0,8}$/.test(raw)) throw new UsageError(`${which} "${raw ?? ''}" must be a revision number (see: colo history NAME)`, 'diff');
  return Number(raw);
}

export const diff = defineCommand({
  name: 'diff',
  summary: 'what changed in a VDC between two revisions, as a unified diff of their manifests',
  usage: 'NAME REV1 [REV2]',
  positionals: [
    { name: 'NAME', description: 'the VDC' },
    { name: 'REV1', description: 'the older revision' },
    { name: 'REV2', description: 'the newer revision (default: the newest)', optional: true },
  ],
  examples: ['$ colo diff shop 2 3', '--- shop@2', '+++ shop@3', '@@ -9,7 +9,7 @@', '   - name: web', '     class: web-php', '-    replicas: 3', '+    replicas: 5'],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const a = revisionArg(positionals.REV1, 'REV1');
    const b = positionals.REV2 === undefined ? undefined : revisionArg(positionals.REV2, 'REV2');
    const client = await connect(ctx);
    const [older, newer] = await Promise.all([client.getVdc(name, a), client.getVdc(name, b)]);
    const text = (m: unknown) => stringifyManifest(m as Parameters<typeof stringifyManifest>[0]);
    const lines = unifiedDiff(`${name}@${older.revision.number}`, `${name}@${newer.revision.number}`, text(older.revision.manifest), text(newer.revision.manifest));
    if (flags.json) {
      ctx.out(JSON.stringify({ vdc: name, from: older.revision.number, to: newer.revision.number, diff: lines }, null, 2));
      return 0;
    }
    if (lines.length === 0) ctx.out(`revisions ${older.revision.number} and ${newer.revision.number} of ${name} are the same`);
    for (const line of lines) ctx.out(line);
    return 0;
  },
});
