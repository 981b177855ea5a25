// A small argument parser: each command declares its flags and positionals, and gets typed
// values back or a UsageError that names the command, so its --help can be suggested.
import { UsageError } from './errors';

export type FlagSpec =
  | { type: 'boolean'; short?: string; description: string }
  | { type: 'string'; short?: string; value: string; description: string };

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
  /** The last positional only: it takes every remaining argument (ParsedArgs.repeated). */
  repeats?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** Flags every command accepts. */
export const GLOBAL_FLAGS = {
  json: { type: 'boolean', description: 'print machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies FlagSpecs;

export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

export interface ParsedArgs<F extends FlagSpecs> {
  flags: FlagValues<F & typeof GLOBAL_FLAGS>;
  /** Positionals by their declared name; optional ones may be undefined. */
  positionals: Record<string, string | undefined>;
  /** Everything after `--`, untouched, for a command that takes a trailing command line (`colo exec`). */
  trailing: string[];
  /** Every argument the repeating last positional took (its first is also in `positionals`). */
  repeated?: string[];
}

export interface ArgsSpec<F extends FlagSpecs> {
  command: string;
  flags: F;
  positionals: readonly PositionalSpec[];
  /** Whether `--` starts a trailing command line instead of more positionals. */
  trailing?: boolean;
}

export function parseArgs<F extends FlagSpecs>(spec: ArgsSpec<F>, argv: string[]): ParsedArgs<F> {
  const all: FlagSpecs = { ...GLOBAL_FLAGS, ...spec.flags };
  const byShort = new Map<string, string>();
  for (const [name, flag] of Object.entries(all)) if (flag.short) byShort.set(flag.short, name);

  const flags: Record<string, string | boolean | undefined> = {};
  for (const [name, flag] of Object.entries(all)) flags[name] = flag.type === 'boolean' ? false : undefined;
  const rest: string[] = [];
  const trailing: string[] = [];

  const fail = (message: string) => new UsageError(message, spec.command);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      (spec.trailing ? trailing : rest).push(...argv.slice(i + 1));
      break;
    }
    // A lone "-" is a value (stdin), never a flag.
    if (!arg.startsWith('-') || arg === '-') {
      rest.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!(name in all)) throw fail(`unknown option --${name}${suggest(name, Object.keys(all), '--')}`);
    } else {
      const letter = arg.slice(1, 2);
      name = byShort.get(letter);
      if (!name) throw fail(`unknown option -${letter}`);
      // `-fshop.yaml` is accepted like `-f shop.yaml`.
      if (arg.length > 2) inline = arg.slice(2);
    }
    const flag = all[name];
    const shown = arg.startsWith('--') ? `--${name}` : `-${flag.short}`;
    if (flag.type === 'boolean') {
      if (inline !== undefined) throw fail(`option ${shown} takes no value`);
      flags[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw fail(`option ${shown} needs a value (${flag.value})`);
      value = next;
      i++;
    }
    if (flags[name] !== undefined) throw fail(`option ${shown} given twice`);
    flags[name] = value;
  }

  // --help wins over every other mistake: a user asking for help should get it.
  const positionals: Record<string, string | undefined> = {};
  if (!flags.help) {
    const required = spec.positionals.filter((p) => !p.optional);
    if (rest.length < required.length) {
      throw fail(`missing ${required[rest.length].name}`);
    }
    if (rest.length > spec.positionals.length && !spec.positionals.at(-1)?.repeats) {
      throw fail(`unexpected argument "${rest[spec.positionals.length]}"`);
    }
  }
  spec.positionals.forEach((p, i) => {
    positionals[p.name] = rest[i];
  });
  const last = spec.positionals.at(-1);
  const repeated = last?.repeats ? rest.slice(spec.positionals.length - 1) : undefined;
  return { flags: flags as FlagValues<F & typeof GLOBAL_FLAGS>, positionals, trailing, ...(repeated ? { repeated } : {}) };
}

/** A positive number of seconds, for --timeout. */
export function parseSeconds(value: string | undefined, option: string, command: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} must be a positive number of seconds, not "${value}"`, command);
  return n;
}

/** ` (did you mean --wait?)` when a name is one or two typos away from a known one. */
export function suggest(given: string, known: string[], prefix = ''): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(given, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${prefix}${best}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
