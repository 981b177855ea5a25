// `colo ls`: the VDCs of the caller's teams, one line each, with the team and the caller's role in it.
import { connect } from '../api-client';
import { revisionNumber } from '@colo/api';
import { defineCommand } from '../command';
import { ago } from '../format';
import { renderTable } from '../table';

export const ls = defineCommand({
  name: 'ls',
  summary: 'list your VDCs',
  usage: '',
  examples: [
    '$ colo ls',
    'NAME  TEAM  ROLE      STATE    REVISION  APPLIANCES  LAST OPERATION',
    'shop  acme  operator  running  3         4           deploy succeeded 5m ago',
    'blog  ann   admin     stopped  1         2           stop succeeded 2d ago',
  ],
  async run(ctx, { flags }) {
    const client = await connect(ctx);
    const { vdcs } = await client.listVdcs();
    if (flags.json) {
      ctx.out(JSON.stringify({ vdcs }, null, 2));
      return 0;
    }
    if (vdcs.length === 0) {
      ctx.out('no VDCs yet: create one with `colo apply -f FILE`');
      return 0;
    }
    const now = ctx.now();
    const rows = vdcs.map((v) => {
      const op = v.lastOperation;
      const last = op ? [op.kind, op.status, ago(op.finishedAt ?? op.createdAt, now)].filter((x) => x && x !== '-').join(' ') : undefined;
      return [v.name, v.team?.slug, v.team?.role, v.state, revisionNumber(v.revision), v.applianceCount, last];
    });
    for (const line of renderTable(['NAME', 'TEAM', 'ROLE', 'STATE', 'REVISION', 'APPLIANCES', 'LAST OPERATION'], rows)) ctx.out(line);
    return 0;
  },
});
