// `colo audit`: who changed what — the newest events as a table, or the whole filtered log as a
// CSV or JSON file (streamed to stdout or -o FILE, never held in memory whole).
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import type { AuditEventItem } from '@colo/api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { renderTable } from '../table';

const OUTCOMES = ['ok', 'denied', 'failed'];
const TIME = /^(\d{1,6}[smhdw]|\d{4}-\d{2}-\d{2}.*)$/;

export const audit = defineCommand({
  name: 'audit',
  summary: 'who changed what: the audit log, filtered, as a table or a CSV/JSON file',
  usage: '[--since 24h] [--until TIME] [--vdc NAME] [--actor EMAIL] [--action A] [--outcome ok|denied|failed] [--limit N] [--csv | --json] [-o FILE]',
  flags: {
    since: { type: 'string', value: 'TIME', description: 'from this time: a span back from now (30m, 24h, 7d) or an ISO date' },
    until: { type: 'string', value: 'TIME', description: 'up to this time (same forms)' },
    vdc: { type: 'string', value: 'NAME', description: 'one VDC, by name (now or as it was then) or id; deleted VDCs too' },
    actor: { type: 'string', value: 'EMAIL', description: 'who: an email, a user id, or "system" for what Colo did by itself' },
    action: { type: 'string', value: 'A', description: 'actions starting with this: deploy, createToken, signIn…' },
    outcome: { type: 'string', value: 'O', description: 'ok, denied or failed' },
    limit: { type: 'string', value: 'N', description: 'table: how many of the newest events (50 unless told, at most 500)' },
    csv: { type: 'boolean', description: 'the whole filtered log as CSV on stdout or in -o FILE (--json: the same as JSON)' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'with --csv or --json: write the file there (not over an existing file)' },
  },
  examples: [
    '$ colo audit --since 24h --vdc shop',
    'WHEN                 ACTOR           FROM        ACTION          VDC   OUTCOME  DETAIL',
    '2026-12-03 10:02:11  system          -           deployFinished  shop  failed   op_7kq2: start db-1: health check timed out',
    '2026-12-03 10:01:40  ann@example.com  10.0.0.7   deployVdc       shop  ok       op_7kq2',
    '$ colo audit --outcome denied --csv -o denied.csv',
    '$ colo audit --actor system --action stop --json > stops.json',
  ],
  async run(ctx, { flags }) {
    for (const key of ['since', 'until'] as const) {
      const value = flags[key];
      if (value !== undefined && !TIME.test(value)) throw new UsageError(`--${key} is a span (30m, 24h, 7d) or an ISO date, not "${value}"`, 'audit');
    }
    if (flags.outcome !== undefined && !OUTCOMES.includes(flags.outcome)) throw new UsageError(`--outcome is ok, denied or failed, not "${flags.outcome}"`, 'audit');
    const limit = flags.limit === undefined ? undefined : Number(flags.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500)) throw new UsageError('--limit is a whole number from 1 to 500', 'audit');
    if (flags.csv && flags.json) throw new UsageError('--csv or --json, not both', 'audit');
    const format = flags.csv ? 'csv' : flags.json ? 'json' : undefined;
    if (flags.output !== undefined && !format) throw new UsageError('-o goes with --csv or --json', 'audit');
    if (format && limit !== undefined) throw new UsageError('--limit is for the table; an export has every matching event', 'audit');
    const query = { since: flags.since, until: flags.until, vdc: flags.vdc, actor: flags.actor, action: flags.action, outcome: flags.outcome };

    if (format) return exportTo(ctx, query, format, flags.output);
    const page = await (await connect(ctx)).audit({ ...query, limit });
    if (page.events.length === 0) {
      ctx.out('no audit events match');
      return 0;
    }
    const rows = page.events.map((e) => [e.at.replace('T', ' ').slice(0, 19), e.actor.email, e.actor.address ?? '-', e.action, e.vdc?.name ?? '-', e.outcome, detailText(e)]);
    for (const line of renderTable(['WHEN', 'ACTOR', 'FROM', 'ACTION', 'VDC', 'OUTCOME', 'DETAIL'], rows)) ctx.out(line);
    if (page.nextCursor) ctx.err(`(the newest ${page.events.length}; --limit for more, --csv for all)`);
    return 0;
  },
});

/** The one line a table has room for: the operation, the token, the error. */
export function detailText(e: AuditEventItem): string {
  const d = e.detail ?? {};
  const token = d.token as { name?: string; prefix?: string } | undefined;
  const parts = [
    typeof d.operation === 'string' ? d.operation : undefined,
    token?.name ? `token "${token.name}"${token.prefix ? ` (${token.prefix}…)` : ''}` : undefined,
    typeof d.requestedBy === 'string' ? `by ${d.requestedBy}` : undefined,
    typeof d.error === 'string' ? d.error.replace(/\s+/g, ' ') : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(': ').slice(0, 120) : '-';
}

async function exportTo(ctx: CliContext, query: Record<string, string | undefined>, format: 'csv' | 'json', output: string | undefined): Promise<number> {
  const file = output === undefined ? undefined : path.resolve(ctx.cwd, output);
  if (file && existsSync(file)) {
    ctx.err(`error: ${output} exists; it was left as it is`);
    return 1;
  }
  const response = await (await connect(ctx)).auditExport(query, format);
  if (!response.body) return 0;
  if (file) {
    await pipeline(Readable.fromWeb(response.body as WebStream<Uint8Array>), createWriteStream(file, { flags: 'wx' }));
    ctx.out(`wrote ${output}`);
    return 0;
  }
  // Line by line as it arrives; CSV's CRLF keeps its CR, so the bytes are the server's.
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) ctx.out(line);
  }
  pending += decoder.decode();
  if (pending) ctx.out(pending);
  return 0;
}
