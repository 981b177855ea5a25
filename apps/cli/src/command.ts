// What a `colo` verb is: its arguments, its help text and its action. `defineCommand` wraps the
// action so every verb parses, answers --help and reports failures the same way.
import { type FlagSpecs, GLOBAL_FLAGS, type ParsedArgs, type PositionalSpec, parseArgs } from './args';
import type { CliContext } from './context';
import { CliError, UsageError } from './errors';

export interface CommandDefinition<F extends FlagSpecs> {
  name: string;
  summary: string;
  /** Argument synopsis after the verb, e.g. `-f FILE [--wait]`. */
  usage: string;
  positionals?: PositionalSpec[];
  flags?: F;
  /** Whether `--` starts a trailing command line (ParsedArgs.trailing). */
  trailing?: boolean;
  /** Lines of example use and output shown by --help. */
  examples?: string[];
  run(ctx: CliContext, args: ParsedArgs<F>): Promise<number>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  help(): string[];
  execute(ctx: CliContext, argv: string[]): Promise<number>;
}

export function defineCommand<F extends FlagSpecs>(def: CommandDefinition<F>): Command {
  const flags = (def.flags ?? {}) as F;
  const positionals = def.positionals ?? [];
  const help = () => helpText(def.name, def.summary, def.usage, positionals, { ...flags, ...GLOBAL_FLAGS }, def.examples ?? []);
  return {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    help,
    async execute(ctx, argv) {
      // Known before parsing so even a usage error comes out as JSON when asked for.
      const json = argv.includes('--json');
      try {
        const args = parseArgs({ command: def.name, flags, positionals, trailing: def.trailing }, argv);
        if (args.flags.help) {
          for (const line of help()) ctx.out(line);
          return 0;
        }
        return await def.run(ctx, args);
      } catch (error) {
        return reportError(ctx, error, json);
      }
    },
  };
}

/** Prints a failure as one `error:` line (plus any detail lines) and returns the exit code. */
export function reportError(ctx: CliContext, error: unknown, json: boolean): number {
  if (!(error instanceof CliError)) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.err(`error: ${message}`);
    if (ctx.env.COLO_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    if (json) ctx.out(JSON.stringify({ error: { code: 'internal', message } }));
    return 1;
  }
  ctx.err(`error: ${error.message}`);
  for (const line of error.details) ctx.err(`  ${line}`);
  if (error instanceof UsageError && error.command) ctx.err(`run \`colo ${error.command} --help\` for usage`);
  if (json) ctx.out(JSON.stringify({ error: errorJson(error) }));
  return error.exitCode;
}

function errorJson(error: CliError): Record<string, unknown> {
  const body = { code: error instanceof UsageError ? 'usage' : 'error', message: error.message };
  if ('code' in error && typeof error.code === 'string') body.code = error.code;
  if ('issues' in error && Array.isArray(error.issues) && error.issues.length) return { ...body, issues: error.issues };
  return body;
}

function helpText(
  name: string,
  summary: string,
  usage: string,
  positionals: PositionalSpec[],
  flags: FlagSpecs,
  examples: string[],
): string[] {
  const lines = [`colo ${name}: ${summary}`, '', `usage: colo ${name}${usage ? ` ${usage}` : ''}`];
  const rows: [string, string][] = positionals.map((p) => [p.name, p.description]);
  for (const [flagName, flag] of Object.entries(flags)) {
    const short = flag.short ? `-${flag.short}, ` : '';
    const value = flag.type === 'string' ? ` ${flag.value}` : '';
    rows.push([`${short}--${flagName}${value}`, flag.description]);
  }
  const width = Math.max(...rows.map(([left]) => left.length));
  lines.push('');
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  if (examples.length) lines.push('', 'examples:', ...examples.map((e) => `  ${e}`));
  return lines;
}
