import { describe, expect, it } from 'vitest';
import { runCli } from '../test/run-cli';
import { CLI_VERSION } from './commands/version';

describe('colo (dispatch)', () => {
  it('lists every verb with no arguments and with help', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(0);
    for (const verb of ['login', 'validate', 'plan', 'apply', 'ls', 'status', 'stop', 'start', 'destroy', 'catalog', 'ops', 'op', 'version', 'help']) {
      expect(bare.stdout).toMatch(new RegExp(`^  ${verb} +\\S`, 'm'));
    }
    expect((await runCli(['help'])).stdout).toBe(bare.stdout);
    expect((await runCli(['--help'])).stdout).toBe(bare.stdout);
  });

  it('shows one verb\'s help with help VERB or VERB --help, without needing a server', async () => {
    const viaHelp = await runCli(['help', 'destroy']);
    const viaFlag = await runCli(['destroy', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(/^usage: colo destroy NAME \[--purge\] \[--yes\] \[--wait\] \[--timeout SECONDS\]$/m);
    expect(viaHelp.stdout).toMatch(/^ {2}--purge +also delete its volumes/m);
    expect(viaHelp.stdout).toMatch(/^ {2}--json +print machine-readable JSON/m);
  });

  it('prints its version', async () => {
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(await runCli(['version'])).toEqual({ code: 0, stdout: `colo ${CLI_VERSION}\n`, stderr: '' });
    expect(JSON.parse((await runCli(['--version', '--json'])).stdout).version).toBe(CLI_VERSION);
  });

  it('rejects an unknown verb with a suggestion and exit code 2', async () => {
    expect(await runCli(['stauts'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: unknown command "stauts" (did you mean status?); run `colo help` for the list\n',
    });
    const json = await runCli(['frob', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});
