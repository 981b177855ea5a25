import { describe, expect, it } from 'vitest';
import { parseArgs, parseSeconds, suggest } from './args';
import { UsageError } from './errors';

const spec = {
  command: 'apply',
  flags: {
    file: { type: 'string', short: 'f', value: 'FILE', description: '' },
    wait: { type: 'boolean', short: 'w', description: '' },
    timeout: { type: 'string', value: 'SECONDS', description: '' },
  },
  positionals: [
    { name: 'NAME', description: '' },
    { name: 'EXTRA', description: '', optional: true },
  ],
} as const;

const parse = (...argv: string[]) => parseArgs(spec, argv);
const failure = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).command).toBe('apply');
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
};

describe('parseArgs', () => {
  it('reads long, short, inline and attached values and booleans', () => {
    expect(parse('shop', '--file', 'a.yaml', '--wait').flags).toMatchObject({ file: 'a.yaml', wait: true, json: false, help: false });
    expect(parse('shop', '-f', 'a.yaml', '-w').flags).toMatchObject({ file: 'a.yaml', wait: true });
    expect(parse('shop', '--file=a.yaml').flags.file).toBe('a.yaml');
    expect(parse('shop', '-fa.yaml').flags.file).toBe('a.yaml');
    expect(parse('shop', '--json').flags.json).toBe(true);
  });

  it('leaves unset flags false or undefined', () => {
    const { flags } = parse('shop');
    expect(flags.wait).toBe(false);
    expect(flags.file).toBeUndefined();
  });

  it('takes a lone dash as a value (stdin), not a flag', () => {
    expect(parse('shop', '-f', '-').flags.file).toBe('-');
  });

  it('names positionals and allows optional ones to be missing', () => {
    expect(parse('shop').positionals).toEqual({ NAME: 'shop', EXTRA: undefined });
    expect(parse('--wait', 'shop', 'more').positionals).toEqual({ NAME: 'shop', EXTRA: 'more' });
  });

  it('treats everything after -- as positionals', () => {
    expect(parse('--', '--wait').positionals.NAME).toBe('--wait');
  });

  it('rejects unknown options, suggesting the near one', () => {
    expect(failure('shop', '--wiat')).toBe('unknown option --wiat (did you mean --wait?)');
    expect(failure('shop', '--frobnicate')).toBe('unknown option --frobnicate');
    expect(failure('shop', '-x')).toBe('unknown option -x');
  });

  it('rejects a missing value, a value for a boolean, and a repeated option', () => {
    expect(failure('shop', '--file')).toBe('option --file needs a value (FILE)');
    expect(failure('shop', '-f', '--wait')).toBe('option -f needs a value (FILE)');
    expect(failure('shop', '--wait=yes')).toBe('option --wait takes no value');
    expect(failure('shop', '-f', 'a', '-f', 'b')).toBe('option -f given twice');
  });

  it('rejects missing and surplus positionals', () => {
    expect(failure()).toBe('missing NAME');
    expect(failure('a', 'b', 'c')).toBe('unexpected argument "c"');
  });

  it('answers --help even when the rest of the line is incomplete', () => {
    expect(parse('--help').flags.help).toBe(true);
    expect(parse('-h').flags.help).toBe(true);
  });
});

describe('parseSeconds', () => {
  it('accepts positive numbers and refuses anything else', () => {
    expect(parseSeconds(undefined, '--timeout', 'apply')).toBeUndefined();
    expect(parseSeconds('90', '--timeout', 'apply')).toBe(90);
    expect(parseSeconds('0.5', '--timeout', 'apply')).toBe(0.5);
    expect(() => parseSeconds('0', '--timeout', 'apply')).toThrow('--timeout must be a positive number of seconds, not "0"');
    expect(() => parseSeconds('soon', '--timeout', 'apply')).toThrow(UsageError);
  });
});

describe('suggest', () => {
  it('suggests only close names', () => {
    expect(suggest('aply', ['apply', 'plan'])).toBe(' (did you mean apply?)');
    expect(suggest('deploy', ['apply', 'plan'])).toBe('');
  });
});
