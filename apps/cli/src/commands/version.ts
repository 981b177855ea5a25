// `colo version`: the CLI's own version (from its package.json).
import { readFileSync } from 'node:fs';
import { defineCommand } from '../command';

export const CLI_VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export const version = defineCommand({
  name: 'version',
  summary: 'print the version of this CLI',
  usage: '',
  examples: ['$ colo version', `colo ${CLI_VERSION}`],
  async run(ctx, { flags }) {
    if (flags.json) ctx.out(JSON.stringify({ version: CLI_VERSION, node: process.version }));
    else ctx.out(`colo ${CLI_VERSION}`);
    return 0;
  },
});
