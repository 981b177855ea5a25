// `colo schedule ls|set|enable|disable|rm`: a VDC's timetable of snapshots (keeping the last N)
// and of stops and starts, as 5-field cron expressions read in UTC. The worker fires each run.
import { connect } from '../api-client';
import type { Schedule } from '@colo/api';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { ago } from '../format';
import { renderTable } from '../table';

const ACTIONS = ['ls', 'set', 'enable', 'disable', 'rm'] as const;
type Action = (typeof ACTIONS)[number];
const KINDS = ['snapshot', 'stop', 'start'];

/** `2026-12-03 03:00 UTC`: a run time as the cron reads it. */
export function utcMinute(iso: string | null | undefined): string {
  if (!iso) return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function keepArg(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(raw)) throw new UsageError(`--keep "${raw}" must be a whole number of snapshots to keep`, 'schedule');
  return Number(raw);
}

function lastText(s: Schedule, now: number): string {
  if (!s.lastRunAt) return 'never run';
  const op = s.lastOperation ? ` → ${s.lastOperation.status}` : '';
  return `${ago(s.lastRunAt, now)}: ${s.lastResult ?? '?'}${op}`;
}

function line(s: Schedule): string {
  const keep = s.kind === 'snapshot' ? `, keeps ${s.keep}` : '';
  return `schedule ${s.id} of ${s.vdc}: ${s.kind} at "${s.cron}" (${s.timezone})${keep}; ${s.enabled ? `next ${utcMinute(s.nextRunAt)}` : 'disabled'}`;
}

export const schedule = defineCommand({
  name: 'schedule',
  summary: 'a VDC\'s schedules: snapshots keeping the last N, stops and starts, on a cron in UTC',
  usage: 'ls NAME | set NAME snapshot|stop|start --cron EXPR [--keep N] [--disabled] | set NAME ID [--cron EXPR] [--keep N] | enable|disable|rm NAME ID',
  positionals: [
    { name: 'ACTION', description: 'ls, set, enable, disable or rm' },
    { name: 'NAME', description: 'the VDC', optional: true },
    { name: 'WHAT', description: 'set: the kind of a new schedule, or the id of one to change; enable, disable, rm: its id', optional: true },
  ],
  flags: {
    cron: { type: 'string', value: 'EXPR', description: 'minute hour day-of-month month day-of-week, in UTC ("0 3 * * *", "@daily", "0 22 * * mon-fri")' },
    keep: { type: 'string', value: 'N', description: 'snapshot schedules: how many of their snapshots to keep (older ones are deleted; manual ones never)' },
    disabled: { type: 'boolean', description: 'set: add it switched off' },
  },
  examples: [
    '$ colo schedule set shop snapshot --cron "0 3 * * *" --keep 7',
    'schedule sch_4k2… of shop: snapshot at "0 3 * * *" (UTC), keeps 7; next 2026-12-03 03:00 UTC',
    '$ colo schedule set shop stop --cron "0 22 * * mon-fri"',
    '$ colo schedule set shop start --cron "0 7 * * mon-fri"',
    '$ colo schedule ls shop',
    'ID        KIND      CRON (UTC)        KEEP  NEXT                  LAST',
    'sch_4k2…  snapshot  0 3 * * *         7     2026-12-03 03:00 UTC  9h ago: requested → succeeded',
    '$ colo schedule rm shop sch_4k2…',
  ],
  async run(ctx, { flags, positionals }) {
    const action = positionals.ACTION as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${positionals.ACTION}": use one of ${ACTIONS.join(', ')}`, 'schedule');
    const name = positionals.NAME;
    if (!name) throw new UsageError(`${action} needs NAME (the VDC)`, 'schedule');
    const what = positionals.WHAT;
    if (action !== 'set' && (flags.cron !== undefined || flags.keep !== undefined || flags.disabled)) throw new UsageError('--cron, --keep and --disabled only apply to set', 'schedule');
    const client = await connect(ctx);
    if (action === 'ls') {
      if (what) throw new UsageError('too many arguments for schedule ls', 'schedule');
      return list(ctx, (await client.schedules(name)).schedules, name, flags.json);
    }
    if (!what) throw new UsageError(action === 'set' ? `set needs the kind (${KINDS.join(', ')}) or a schedule's id` : `${action} needs the schedule's id (see: colo schedule ls ${name})`, 'schedule');
    let answer: { schedule: Schedule };
    if (action === 'set' && KINDS.includes(what)) {
      if (flags.cron === undefined) throw new UsageError(`set ${what} needs --cron EXPR (e.g. --cron "0 3 * * *", in UTC)`, 'schedule');
      const keep = keepArg(flags.keep);
      answer = await client.createSchedule(name, { kind: what, cron: flags.cron, ...(keep !== undefined ? { keep } : {}), ...(flags.disabled ? { enabled: false } : {}) });
    } else if (action === 'set') {
      if (!what.startsWith('sch_')) throw new UsageError(`"${what}" is neither a kind (${KINDS.join(', ')}) nor a schedule id (sch_…)`, 'schedule');
      const keep = keepArg(flags.keep);
      const body = { ...(flags.cron !== undefined ? { cron: flags.cron } : {}), ...(keep !== undefined ? { keep } : {}), ...(flags.disabled ? { enabled: false } : {}) };
      if (Object.keys(body).length === 0) throw new UsageError('set ID needs --cron, --keep or --disabled: what to change', 'schedule');
      answer = await client.updateSchedule(name, what, body);
    } else if (action === 'rm') {
      answer = await client.deleteSchedule(name, what);
    } else {
      answer = await client.updateSchedule(name, what, { enabled: action === 'enable' });
    }
    if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
    else ctx.out(action === 'rm' ? `removed schedule ${what} of ${name} (the snapshots it took stay)` : line(answer.schedule));
    return 0;
  },
});

function list(ctx: CliContext, schedules: Schedule[], name: string, json: boolean): number {
  if (json) {
    ctx.out(JSON.stringify({ schedules }, null, 2));
    return 0;
  }
  if (schedules.length === 0) {
    ctx.out(`no schedules for ${name} yet (add one: colo schedule set ${name} snapshot --cron "0 3 * * *" --keep 7)`);
    return 0;
  }
  const now = ctx.now();
  const rows = schedules.map((s) => [s.id, s.kind, s.cron, s.kind === 'snapshot' ? String(s.keep) : '-', s.enabled ? utcMinute(s.nextRunAt) : 'disabled', lastText(s, now)]);
  for (const l of renderTable(['ID', 'KIND', 'CRON (UTC)', 'KEEP', 'NEXT', 'LAST'], rows)) ctx.out(l);
  return 0;
}
