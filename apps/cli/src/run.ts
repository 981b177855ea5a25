// Dispatch: picks the verb from argv and hands the rest to it. Returns the exit code rather
// than exiting, so tests run the whole CLI in-process.
import { suggest } from './args';
import { reportError } from './command';
import { commands } from './commands/index';
import { printOverview } from './commands/help';
import type { CliContext } from './context';
import { UsageError } from './errors';

const ALIASES: Record<string, string> = { '--version': 'version', '-v': 'version', '--help': 'help', '-h': 'help', list: 'ls' };

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    printOverview(ctx, commands);
    return 0;
  }
  const verb = ALIASES[first] ?? first;
  const command = commands.find((c) => c.name === verb);
  if (!command) {
    const known = commands.map((c) => c.name);
    const error = new UsageError(`unknown command "${first}"${suggest(first, known)}; run \`colo help\` for the list`);
    return reportError(ctx, error, argv.includes('--json'));
  }
  return command.execute(ctx, rest);
}
