// `colo entry ls|show|create|switch|rm`: stable published addresses that point at one VDC at a
// time. Switching one is how an upgraded copy goes live, and switching back is the rollback.
import { connect } from '../api-client';
import type { Entry } from '@colo/api';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { ago } from '../format';
import { renderTable } from '../table';
import { WAIT_FLAGS, confirmOrRefuse, runLifecycle } from './lifecycle';

const ACTIONS = ['ls', 'show', 'create', 'switch', 'rm'] as const;
type Action = (typeof ACTIONS)[number];

export function entryPortArg(raw: string | undefined): number {
  if (raw === undefined) throw new UsageError('create needs --port PORT (the host port the entry publishes)', 'entry');
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) throw new UsageError(`--port "${raw}" must be a port number (1024–65535)`, 'entry');
  return Number(raw);
}

function need(value: string | undefined, what: string, action: Action): string {
  if (!value) throw new UsageError(`${action} needs ${what}`, 'entry');
  return value;
}

function line(e: Entry): string {
  const prev = e.previousVdc ? `; before: ${e.previousVdc}` : '';
  const wake = e.wake ? '; starts its VDC on the first request' : '';
  return `entry ${e.name}: ${e.address} → ${e.vdc} ${e.appliance}.${e.terminal} (${e.state}${prev}${wake})`;
}

/** `--wake` / `--no-wake`: turn start-on-first-request on or off; neither leaves it as it is. */
function wakeFlag(flags: { wake?: boolean; 'no-wake'?: boolean }): { wake?: boolean } {
  if (flags.wake && flags['no-wake']) throw new UsageError('--wake and --no-wake contradict each other', 'entry');
  if (flags.wake) return { wake: true };
  return flags['no-wake'] ? { wake: false } : {};
}

export const entry = defineCommand({
  name: 'entry',
  summary: 'stable published addresses: create one on a port, switch it between VDCs with no failed request, remove it',
  usage: 'ls | show NAME | create NAME --port PORT --vdc VDC [--target APPLIANCE.TERMINAL] [--wake] | switch NAME VDC [--target …] [--wake|--no-wake] | rm NAME [--yes]',
  positionals: [
    { name: 'ACTION', description: 'ls, show, create, switch or rm' },
    { name: 'NAME', description: 'the entry', optional: true },
    { name: 'VDC', description: 'switch: the VDC to point it at', optional: true },
  ],
  flags: {
    port: { type: 'string', short: 'p', value: 'PORT', description: 'create: the host port the entry publishes' },
    vdc: { type: 'string', value: 'VDC', description: 'create: the VDC it points at first' },
    target: { type: 'string', value: 'APPLIANCE.TERMINAL', description: 'the exposed terminal to point at (needed when the VDC exposes several)' },
    wake: { type: 'boolean', description: 'create, switch: while the VDC is stopped, hold the first requests and start it (start on first request)' },
    'no-wake': { type: 'boolean', description: 'switch: stop starting the VDC on request' },
    yes: { type: 'boolean', short: 'y', description: 'rm: do not ask for confirmation' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo entry create www --port 8080 --vdc shop --wait',
    '[100%] entry_switch succeeded in 2.1s',
    'entry www: 127.0.0.1:8080 → shop lb.in (ready)',
    '$ colo clone shop shop-v2 --wait     # upgrade the copy, then:',
    '$ colo entry switch www shop-v2 --wait',
    'entry www: 127.0.0.1:8080 → shop-v2 lb.in (ready; before: shop)',
    '$ colo entry switch www shop --wait  # the rollback',
    '$ colo entry create demo --port 8090 --vdc trial --wake --wait   # stop trial at night; the first visitor starts it',
  ],
  async run(ctx, { flags, positionals }) {
    const action = positionals.ACTION as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${positionals.ACTION}": use one of ${ACTIONS.join(', ')}`, 'entry');
    const name = positionals.NAME;
    if ((action === 'ls' && name) || (action !== 'switch' && positionals.VDC)) throw new UsageError(`too many arguments for entry ${action}`, 'entry');
    if (action !== 'create' && (flags.port !== undefined || flags.vdc !== undefined)) throw new UsageError('--port and --vdc only apply to create', 'entry');
    if (action !== 'create' && action !== 'switch' && (flags.wake || flags['no-wake'])) throw new UsageError('--wake and --no-wake only apply to create and switch', 'entry');
    if (action === 'create' && flags['no-wake']) throw new UsageError('--no-wake only applies to switch (an entry starts without it)', 'entry');
    if (action === 'ls' || action === 'show') {
      if (flags.wait || flags.timeout !== undefined) throw new UsageError(`--wait and --timeout do not apply to ${action}`, 'entry');
      return action === 'ls' ? list(ctx, flags.json) : show(ctx, need(name, 'NAME', action), flags.json);
    }
    const entryName = need(name, 'NAME', action);
    if (action === 'create') {
      const body = { name: entryName, port: entryPortArg(flags.port), vdc: need(flags.vdc, '--vdc VDC', action), ...(flags.target ? { target: flags.target } : {}), ...wakeFlag(flags) };
      const code = await runLifecycle(ctx, { command: 'entry', name: body.vdc, flags, start: (client) => client.createEntry(body), extra: { entry: entryName } });
      return code === 0 && flags.wait && !flags.json ? show(ctx, entryName, false).then(() => code) : code;
    }
    if (action === 'switch') {
      const body = { vdc: need(positionals.VDC, 'the VDC to point it at (colo entry switch NAME VDC)', action), ...(flags.target ? { target: flags.target } : {}), ...wakeFlag(flags) };
      const code = await runLifecycle(ctx, { command: 'entry', name: body.vdc, flags, start: (client) => client.switchEntry(entryName, body), extra: { entry: entryName } });
      return code === 0 && flags.wait && !flags.json ? show(ctx, entryName, false).then(() => code) : code;
    }
    await confirmOrRefuse(ctx, {
      yes: flags.yes,
      command: 'entry',
      what: `remove entry ${entryName}`,
      question: `remove entry ${entryName}? its port stops answering (the VDC it points at runs on) [y/N] `,
      cancelled: 'cancelled: nothing was changed',
    });
    return runLifecycle(ctx, { command: 'entry', name: entryName, flags, start: (client) => client.deleteEntry(entryName), extra: { entry: entryName } });
  },
});

async function list(ctx: CliContext, json: boolean): Promise<number> {
  const { entries } = await (await connect(ctx)).entries();
  if (json) {
    ctx.out(JSON.stringify({ entries }, null, 2));
    return 0;
  }
  if (entries.length === 0) {
    ctx.out('no entries yet (make one: colo entry create NAME --port PORT --vdc VDC)');
    return 0;
  }
  const now = ctx.now();
  const rows = entries.map((e) => [e.name, e.address, e.vdc, `${e.appliance}.${e.terminal}`, e.state, e.wake ? 'yes' : '-', e.previousVdc ?? '-', e.switchedAt ? ago(e.switchedAt, now) : '-']);
  for (const l of renderTable(['NAME', 'ADDRESS', 'VDC', 'TARGET', 'STATE', 'WAKE', 'BEFORE', 'SWITCHED'], rows)) ctx.out(l);
  return 0;
}

async function show(ctx: CliContext, name: string, json: boolean): Promise<number> {
  const { entry: e } = await (await connect(ctx)).entry(name);
  ctx.out(json ? JSON.stringify({ entry: e }, null, 2) : line(e));
  return 0;
}
