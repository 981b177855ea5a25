// `colo ops NAME`: a VDC's operations, newest first.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { ago, elapsed, errorText } from '../format';
import { renderTable } from '../table';

export const ops = defineCommand({
  name: 'ops',
  summary: 'list a VDC\'s operations, newest first',
  usage: 'NAME',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  examples: [
    '$ colo ops shop',
    'ID        KIND     STATUS     PROGRESS  CREATED  TOOK   ERROR',
    'op_7kq2   deploy   succeeded  100%      5m ago   14.2s  -',
    'op_5tt0   deploy   failed     60%       1h ago   31.0s  start db-1: health check timed out',
  ],
  async run(ctx, { flags, positionals }) {
    const client = await connect(ctx);
    const { operations } = await client.operations(positionals.NAME ?? '');
    if (flags.json) {
      ctx.out(JSON.stringify({ operations }, null, 2));
      return 0;
    }
    if (operations.length === 0) {
      ctx.out(`no operations on ${positionals.NAME} yet`);
      return 0;
    }
    const now = ctx.now();
    const rows = operations.map((op) => [
      op.id,
      op.kind,
      op.status,
      `${Math.round(op.progress ?? 0)}%`,
      ago(op.createdAt, now),
      elapsed(op.startedAt ?? op.createdAt, op.finishedAt),
      op.failure?.message ?? errorText(op.error),
    ]);
    for (const line of renderTable(['ID', 'KIND', 'STATUS', 'PROGRESS', 'CREATED', 'TOOK', 'ERROR'], rows)) ctx.out(line);
    return 0;
  },
});
