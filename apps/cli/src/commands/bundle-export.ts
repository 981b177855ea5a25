// `colo export NAME`: the VDC as a `.colo.yaml` bundle (its deployed revision, else its latest), on
// stdout or with -o FILE written there; never over an existing file.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { UsageError } from '../errors';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export a VDC as a portable .colo.yaml bundle (its manifest and the class versions it needs)',
  usage: 'NAME [-o FILE]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write the bundle there (not over an existing file)' },
  },
  examples: ['$ colo export shop -o shop.colo.yaml', 'wrote shop.colo.yaml (VDC shop, revision 3)'],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME as string;
    if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) throw new UsageError(`"${name}" is not a VDC name`, 'export');
    const answer = await (await connect(ctx)).exportBundle(name);
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (!flags.output) {
      ctx.out(answer.text.trimEnd());
      return 0;
    }
    const file = path.resolve(ctx.cwd, flags.output);
    if (existsSync(file)) {
      ctx.err(`error: ${flags.output} exists; it was left as it is`);
      return 1;
    }
    await writeFile(file, answer.text, { flag: 'wx' });
    ctx.out(`wrote ${flags.output} (VDC ${name}, revision ${answer.bundle.from.revision})`);
    return 0;
  },
});
