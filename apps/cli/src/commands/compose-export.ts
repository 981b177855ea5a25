// `colo compose export NAME`: the VDC as a docker-compose.yml. On stdout, or with -o FILE written
// there with its `.env` (the secret variables) beside it, private (0600) and never overwritten.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../api-client';
import type { CliContext } from '../context';

export interface ComposeExportFlags {
  output?: string;
  withSecrets?: boolean;
  json?: boolean;
}

export async function runComposeExport(ctx: CliContext, name: string, flags: ComposeExportFlags): Promise<number> {
  const client = await connect(ctx);
  const answer = await client.exportCompose(name, { withSecrets: flags.withSecrets });
  if (flags.json) {
    ctx.out(JSON.stringify(answer, null, 2));
    return 0;
  }
  if (!flags.output) {
    ctx.out(answer.text.trimEnd());
    if (answer.env.includes('=')) ctx.err('the file reads its secrets from .env: use -o FILE to write it beside the file, or --json to see it');
    return 0;
  }
  const file = path.resolve(ctx.cwd, flags.output);
  await writeFile(file, answer.text);
  ctx.out(`wrote ${flags.output} (VDC ${name}${answer.revision ? `, revision ${answer.revision}` : ''})`);
  if (!answer.env.includes('=')) return 0;
  const dotEnv = path.join(path.dirname(file), '.env');
  const target = existsSync(dotEnv) ? `${file}.env` : dotEnv;
  await writeFile(target, answer.env, { mode: 0o600, flag: 'wx' });
  ctx.out(`wrote ${path.relative(ctx.cwd, target)} (its secrets${flags.withSecrets ? ', the VDC\'s own' : ', fresh values'}; keep it private)`);
  if (target !== dotEnv) ctx.err(`.env exists and was left as it is: merge ${path.basename(target)} into it, or run docker compose --env-file ${path.basename(target)}`);
  return 0;
}
