// `colo alerts [ls|ack|rules]`: the notification centre from the terminal — the caller's alerts
// (firing first), acknowledging one, and a VDC's alert rules (list, add, remove).
import type { Alert, AlertRule } from '@colo/api';
import { alertApi } from '../alert-api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { ago } from '../format';
import { renderTable } from '../table';

const ACTIONS = ['ls', 'ack', 'rules'] as const;
const KINDS = ['unhealthy', 'flap_guard', 'oom', 'volume_full', 'operation_failed', 'schedule_missed'];

function channelsText(r: AlertRule): string {
  const out = r.channels.map((c) => (c.type === 'webhook' ? `webhook ${String(c.url)}${c.format === 'slack' ? ' (slack)' : ''}` : `email ${(c.to as string[]).join(',')}`));
  return ['in-app', ...out].join(', ');
}

function thresholdText(r: AlertRule): string {
  if (r.kind === 'unhealthy') return `${r.thresholdSeconds ?? 30}s`;
  if (r.kind === 'volume_full') return `${r.thresholdPercent ?? 90}%`;
  return '-';
}

function listAlerts(ctx: CliContext, alerts: Alert[], unread: number): void {
  if (alerts.length === 0) {
    ctx.out('no alerts');
    return;
  }
  const now = ctx.now();
  const rows = alerts.map((a) => [a.id, a.state, a.vdc, a.kind, a.appliance ?? '-', ago(a.firedAt ?? a.firstSeen, now), a.acknowledgedAt ? 'yes' : '', a.message]);
  for (const l of renderTable(['ID', 'STATE', 'VDC', 'KIND', 'APPLIANCE', 'SINCE', 'ACK', 'MESSAGE'], rows)) ctx.out(l);
  ctx.out(`${unread} firing and not acknowledged`);
}

function ruleBody(kind: string, flags: { webhook?: string; slack?: boolean; email?: string; seconds?: string; percent?: string; appliance?: string }): Record<string, unknown> {
  if (!KINDS.includes(kind)) throw new UsageError(`unknown kind "${kind}": use one of ${KINDS.join(', ')}`, 'alerts');
  const whole = (raw: string | undefined, flag: string) => {
    if (raw === undefined) return undefined;
    if (!/^[0-9]{1,6}$/.test(raw)) throw new UsageError(`--${flag} "${raw}" must be a whole number`, 'alerts');
    return Number(raw);
  };
  const channels = [
    ...(flags.webhook ? [{ type: 'webhook', url: flags.webhook, format: flags.slack ? 'slack' : 'generic' }] : []),
    ...(flags.email ? [{ type: 'email', to: flags.email.split(',').map((s) => s.trim()) }] : []),
  ];
  const seconds = whole(flags.seconds, 'seconds');
  const percent = whole(flags.percent, 'percent');
  return { kind, channels, ...(flags.appliance ? { appliance: flags.appliance } : {}), ...(seconds !== undefined ? { thresholdSeconds: seconds } : {}), ...(percent !== undefined ? { thresholdPercent: percent } : {}) };
}

export const alerts = defineCommand({
  name: 'alerts',
  summary: 'your alerts (firing first), acknowledging one, and a VDC\'s alert rules',
  usage: '[ls [--state firing|resolved|all] [--vdc NAME]] | ack ID | rules NAME [add KIND [--webhook URL [--slack]] [--email ADDRS] [--seconds N] [--percent N] [--appliance A] | rm ID]',
  positionals: [
    { name: 'ACTION', description: 'ls (the default), ack or rules', optional: true },
    { name: 'ARG', description: 'ack: the alert id; rules: the VDC', optional: true },
    { name: 'SUB', description: 'rules: add or rm', optional: true },
    { name: 'WHAT', description: 'rules add: the kind; rules rm: the rule id', optional: true },
  ],
  flags: {
    state: { type: 'string', value: 'STATE', description: 'ls: firing, resolved or all (default: all)' },
    vdc: { type: 'string', value: 'NAME', description: 'ls: only this VDC\'s alerts' },
    webhook: { type: 'string', value: 'URL', description: 'rules add: POST the alert to this URL' },
    slack: { type: 'boolean', description: 'rules add: the webhook takes Slack messages ({ text, blocks })' },
    email: { type: 'string', value: 'ADDRS', description: 'rules add: e-mail these addresses (comma separated; an admin sets SMTP up)' },
    seconds: { type: 'string', value: 'N', description: 'rules add unhealthy: how long before it fires (default 30)' },
    percent: { type: 'string', value: 'N', description: 'rules add volume_full: how full (default 90)' },
    appliance: { type: 'string', value: 'A', description: 'rules add: only this appliance (default: all of them)' },
  },
  examples: [
    '$ colo alerts',
    'ID        STATE    VDC   KIND       APPLIANCE  SINCE   ACK  MESSAGE',
    'alr_9x…   firing   shop  unhealthy  web        2m ago       web of shop is unhealthy (exited with code 1). …',
    '$ colo alerts rules shop add unhealthy --seconds 10 --webhook https://hooks.slack.com/… --slack',
    '$ colo alerts ack alr_9x…',
  ],
  async run(ctx, { flags, positionals }) {
    const action = (positionals.ACTION ?? 'ls') as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${positionals.ACTION}": use one of ${ACTIONS.join(', ')}`, 'alerts');
    const client = await connect(ctx);
    if (action === 'ls') {
      if (positionals.ARG) throw new UsageError('too many arguments for alerts ls', 'alerts');
      const answer = await alertApi.list(client, { state: flags.state, vdc: flags.vdc });
      if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
      else listAlerts(ctx, answer.alerts, answer.unread);
      return 0;
    }
    if (action === 'ack') {
      if (!positionals.ARG) throw new UsageError('ack needs the alert id (see: colo alerts)', 'alerts');
      const { alert } = await alertApi.ack(client, positionals.ARG);
      if (flags.json) ctx.out(JSON.stringify({ alert }, null, 2));
      else ctx.out(`acknowledged ${alert.id} (${alert.state}): ${alert.message}`);
      return 0;
    }
    const vdc = positionals.ARG;
    if (!vdc) throw new UsageError('rules needs NAME (the VDC)', 'alerts');
    if (positionals.SUB === 'add' || positionals.SUB === 'rm') {
      if (!positionals.WHAT) throw new UsageError(positionals.SUB === 'add' ? `rules add needs the kind (${KINDS.join(', ')})` : 'rules rm needs the rule id', 'alerts');
      const { rule } =
        positionals.SUB === 'add' ? await alertApi.addRule(client, vdc, ruleBody(positionals.WHAT, flags)) : await alertApi.removeRule(client, vdc, positionals.WHAT);
      if (flags.json) ctx.out(JSON.stringify({ rule }, null, 2));
      else ctx.out(`${positionals.SUB === 'add' ? 'added' : 'removed'} rule ${rule.id} of ${vdc}: ${rule.kind} (${rule.appliance ?? 'all appliances'}, ${thresholdText(rule)}) → ${channelsText(rule)}`);
      return 0;
    }
    if (positionals.SUB) throw new UsageError(`unknown rules action "${positionals.SUB}": use add or rm`, 'alerts');
    const { rules } = await alertApi.rules(client, vdc);
    if (flags.json) {
      ctx.out(JSON.stringify({ rules }, null, 2));
      return 0;
    }
    const rows = rules.map((r) => [r.id, r.kind, r.appliance ?? 'all', thresholdText(r), r.enabled ? 'on' : 'off', channelsText(r)]);
    for (const l of renderTable(['ID', 'KIND', 'APPLIANCE', 'THRESHOLD', 'ENABLED', 'CHANNELS'], rows)) ctx.out(l);
    return 0;
  },
});
