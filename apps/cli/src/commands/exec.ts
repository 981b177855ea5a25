// `colo exec NAME APPLIANCE[/N] [-- CMD…]`: a shell, or one command, in a replica of a deployed
// appliance, through the same terminal sessions as the web page's Terminal button. On a terminal
// it gets a TTY (raw mode here, resizes passed on); on pipes it reads stdin to its end and its
// output arrives as written. The program's exit status is colo's.
import { applianceTerminalOpenedSchema } from '@colo/api';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { runExecSession } from '../exec-session';

export const exec = defineCommand({
  name: 'exec',
  summary: "open a shell, or run a command, in a replica of a deployed appliance (its exit status is colo's)",
  usage: 'NAME APPLIANCE[/N] [-- CMD…]',
  positionals: [
    { name: 'NAME', description: 'the VDC' },
    { name: 'APPLIANCE[/N]', description: 'the appliance, and /N for its replica N (the first running one otherwise)' },
  ],
  trailing: true,
  examples: [
    '$ colo exec shop web/2',
    "root@3f2c9a1e7b44:/# hostname   (the class's shell, bash if the image has it; exit to leave)",
    '$ colo exec shop web/2 -- hostname',
    '3f2c9a1e7b44',
    '$ colo exec shop db -- sh -c "mysqldump shop" > shop.sql',
  ],
  async run(ctx, { flags, positionals, trailing }) {
    if (flags.json) throw new UsageError("--json does not go with exec: its output is the program's", 'exec');
    const name = positionals.NAME ?? '';
    const { appliance, replica } = parseTarget(positionals['APPLIANCE[/N]'] ?? '');
    const stdio = ctx.stdio;
    if (!stdio) throw new CliError('colo exec needs standard input and output to run on');
    const client = await connect(ctx);
    const tty = stdio.isTTY;
    const size = tty ? stdio.size() : { cols: 80, rows: 24 };
    const opened = await client.call('POST', `/vdcs/${encodeURIComponent(name)}/appliances/${encodeURIComponent(appliance)}/terminal`, applianceTerminalOpenedSchema, {
      body: { ...size, tty, ...(replica === undefined ? {} : { replica }), ...(trailing.length > 0 ? { command: trailing } : {}) },
    });
    return runExecSession(ctx, client, stdio, opened.id, tty);
  },
});

/** `web` or `web/2`. */
export function parseTarget(text: string): { appliance: string; replica?: number } {
  const m = /^([^/]+)(?:\/(\d+))?$/.exec(text);
  const replica = m?.[2] === undefined ? undefined : Number(m[2]);
  if (!m || (replica !== undefined && (replica < 1 || replica > 1000))) {
    throw new UsageError(`"${text}" is not APPLIANCE or APPLIANCE/N (a replica from 1)`, 'exec');
  }
  return { appliance: m[1], replica };
}
