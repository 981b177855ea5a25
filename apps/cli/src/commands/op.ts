// `colo op ID`: one operation with its steps (and logs), or --wait to follow it live.
import { connect } from '../api-client';
import { parseSeconds } from '../args';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { elapsed, errorText } from '../format';
import { failureLines, followOperation } from '../operation-wait';
import { renderTable } from '../table';
import { WAIT_FLAGS } from './lifecycle';

export const op = defineCommand({
  name: 'op',
  summary: 'show one operation with its steps; --wait follows it until it finishes',
  usage: 'ID [--logs] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'ID', description: 'the operation id (op_…)' }],
  flags: { logs: { type: 'boolean', short: 'l', description: 'also print its log lines' }, ...WAIT_FLAGS },
  examples: [
    '$ colo op op_5tt0',
    'op_5tt0  deploy  failed  60%',
    'created 2026-11-27T21:02:11.000Z, took 31.0s',
    'STEP                   STATUS   ERROR',
    'create network db-in   done     -',
    'start db-1             failed   health check timed out',
    'start web-1            skipped  -',
    'error: start db-1: health check timed out',
  ],
  async run(ctx, { flags, positionals }) {
    const id = positionals.ID ?? '';
    const timeoutSeconds = parseSeconds(flags.timeout, '--timeout', 'op');
    if (timeoutSeconds !== undefined && !flags.wait) throw new UsageError('--timeout only applies with --wait', 'op');
    const client = await connect(ctx);
    if (flags.wait) return followOperation(ctx, client, id, { json: flags.json, timeoutSeconds });

    const { operation, logs } = await client.operation(id);
    if (flags.json) {
      ctx.out(JSON.stringify({ operation, logs }, null, 2));
      return 0;
    }
    ctx.out(`${operation.id}  ${operation.kind}  ${operation.status}  ${Math.round(operation.progress ?? 0)}%`);
    const took = elapsed(operation.startedAt ?? operation.createdAt, operation.finishedAt);
    ctx.out([operation.createdAt && `created ${operation.createdAt}`, took && `took ${took}`].filter(Boolean).join(', ') || '-');
    const steps = operation.steps ?? [];
    if (steps.length) {
      const rows = steps.map((s) => [s.title, s.status, errorText(s.error)]);
      for (const line of renderTable(['STEP', 'STATUS', 'ERROR'], rows)) ctx.out(line);
    }
    if (flags.logs) {
      ctx.out(logs.length ? 'logs:' : 'no log lines');
      for (const log of logs) ctx.out(`  ${log.at ?? ''} ${log.message}`.trimEnd());
    }
    // A failure the server explained reads as it does after --wait: cause, fix, next commands, details.
    if (operation.failure) for (const line of failureLines(operation)) ctx.out(line);
    else if (errorText(operation.error)) ctx.out(`error: ${errorText(operation.error)}`);
    return 0;
  },
});
