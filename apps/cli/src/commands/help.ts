// `colo help [VERB]`: the list of verbs, or one verb's full help.
import { suggest } from '../args';
import { type Command, defineCommand } from '../command';
import type { CliContext } from '../context';
import { UsageError } from '../errors';

export function helpCommand(all: () => Command[]): Command {
  return defineCommand({
    name: 'help',
    summary: 'list the commands, or show one command\'s help',
    usage: '[COMMAND]',
    positionals: [{ name: 'COMMAND', description: 'a command to explain', optional: true }],
    async run(ctx, { positionals }) {
      const verb = positionals.COMMAND;
      if (!verb) {
        printOverview(ctx, all());
        return 0;
      }
      const command = all().find((c) => c.name === verb);
      if (!command) {
        throw new UsageError(`unknown command "${verb}"${suggest(verb, all().map((c) => c.name))}`, 'help');
      }
      for (const line of command.help()) ctx.out(line);
      return 0;
    },
  });
}

export function printOverview(ctx: CliContext, commands: Command[]): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  ctx.out('colo: the command line of Colo, the virtual datacenter orchestrator');
  ctx.out('');
  ctx.out('usage: colo COMMAND [ARGS] [--json] [--help]');
  ctx.out('');
  for (const c of commands) ctx.out(`  ${c.name.padEnd(width)}  ${c.summary}`);
  ctx.out('');
  ctx.out('Every command takes --json for machine-readable output and --help for its usage.');
  ctx.out('Server and token: COLO_URL and COLO_TOKEN, else the file `colo login` writes.');
}
