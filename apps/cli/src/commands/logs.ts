// `colo logs NAME [APPLIANCE]`: the log lines of every replica of a VDC (or of one appliance),
// merged by time and filtered by time range, text and level; `-f` keeps following new lines.
import { type LogEntry, logEntrySchema, vdcLogsSchema } from '@colo/api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, UsageError } from '../errors';
import { readEventStream } from '../event-stream';

export const logs = defineCommand({
  name: 'logs',
  summary: "show the log lines of a VDC's replicas, merged by time; filter by time, text and level; -f follows",
  usage: 'NAME [APPLIANCE] [--since 15m] [--until TIME] [--grep TEXT] [--regex PATTERN] [--level warn] [--replica N] [--limit N] [-f]',
  positionals: [
    { name: 'NAME', description: 'the VDC' },
    { name: 'APPLIANCE', description: 'only this appliance (all of them otherwise)', optional: true },
  ],
  flags: {
    since: { type: 'string', value: 'TIME', description: 'from this time: ISO 8601 or back from now (30s, 15m, 2h, 7d)' },
    until: { type: 'string', value: 'TIME', description: 'up to this time (same forms; not with -f)' },
    grep: { type: 'string', short: 'g', value: 'TEXT', description: 'only lines containing TEXT (case-insensitive)' },
    regex: { type: 'string', value: 'PATTERN', description: 'only lines matching this JavaScript pattern (case-insensitive)' },
    level: { type: 'string', short: 'l', value: 'LEVEL', description: 'only lines at LEVEL or worse: error, warn, info, debug' },
    replica: { type: 'string', short: 'r', value: 'N', description: 'only replica N' },
    limit: { type: 'string', short: 'n', value: 'N', description: 'the newest N matching lines (default 1000, at most 10000)' },
    follow: { type: 'boolean', short: 'f', description: 'keep printing new matching lines until interrupted' },
  },
  examples: [
    '$ colo logs shop web --since 15m --level warn',
    '2026-12-03T12:00:01.204Z web#2 stderr error [error] 7#7: *3 connect() failed (111: Connection refused)',
    '2026-12-03T12:00:04.871Z web#1 stdout warn  10.0.0.2 - - "GET /missing HTTP/1.1" 404 153',
    '$ colo logs shop --grep checkout -f',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    if (flags.replica !== undefined && !positionals.APPLIANCE) throw new UsageError('--replica needs an APPLIANCE', 'logs');
    if (flags.follow && flags.until !== undefined) throw new UsageError('--until does not go with -f: a follow has no end', 'logs');
    const query = {
      appliance: positionals.APPLIANCE,
      replica: flags.replica,
      since: flags.since,
      until: flags.until,
      q: flags.grep,
      regex: flags.regex,
      level: flags.level,
      limit: flags.limit,
    };
    const client = await connect(ctx);
    const path = `/vdcs/${encodeURIComponent(name)}/logs`;
    const print = (e: LogEntry) => ctx.out(flags.json ? JSON.stringify(e) : formatEntry(e));
    if (!flags.follow) {
      const answer = await client.call('GET', path, vdcLogsSchema, { query });
      if (flags.json) {
        ctx.out(JSON.stringify(answer, null, 2));
        return 0;
      }
      for (const e of answer.entries) print(e);
      if (answer.truncated) ctx.err(truncated(answer.entries.length));
      return 0;
    }
    const response = await client.transfer('GET', path, { query: { ...query, follow: '1' } });
    if (!response.body) throw new CliError('the server sent no log stream');
    return followStream(ctx, response.body, print);
  },
});

async function followStream(ctx: CliContext, body: ReadableStream<Uint8Array>, print: (e: LogEntry) => void): Promise<number> {
  let shown = 0;
  for await (const { event, data } of readEventStream(body)) {
    if (event === 'log') {
      const parsed = logEntrySchema.safeParse(JSON.parse(data));
      if (parsed.success) {
        print(parsed.data);
        shown++;
      }
    } else if (event === 'caught-up') {
      if ((JSON.parse(data) as { truncated?: boolean }).truncated) ctx.err(truncated(shown));
    } else if (event === 'problem') {
      const message = (JSON.parse(data) as { error?: { message?: string } }).error?.message ?? data;
      throw new CliError(`the log stream ended: ${message}`);
    }
  }
  ctx.err('the log stream ended (the server closed it)');
  return 0;
}

function truncated(shown: number): string {
  return `… truncated: only the newest ${shown} matching lines are shown (use --since, --grep or --level to narrow, or --limit)`;
}

/** `2026-12-03T12:00:01.204Z web#2 stderr error the line` — the same shape as the text download. */
export function formatEntry(e: LogEntry): string {
  const time = e.time ? `${e.time.slice(0, 23)}Z` : '-';
  return `${time} ${e.appliance}#${e.replica} ${e.stream} ${e.level.padEnd(5)} ${e.line}`;
}
