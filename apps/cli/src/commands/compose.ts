// `colo compose import FILE`: a docker-compose.yml made into a VDC (not deployed) by the server's
// importer; the report says what became of every key. With --dry-run the manifest is printed
// (stdout, so it can be saved) and the report goes to stderr.
import path from 'node:path';
import { stringify } from 'yaml';
import { connect } from '../api-client';
import type { ReportLineAnswer } from '@colo/api';
import { defineCommand } from '../command';
import { formatIssue, formatWarning, UsageError } from '../errors';
import { plural } from '../format';
import { readInputFile } from '../manifest-file';
import { renderTable } from '../table';
import { runComposeExport } from './compose-export';

/** The server refuses more; this stops an accidental upload of something else. */
const MAX_COMPOSE_BYTES = 256 * 1024;
const COMPOSE_FILE = /^(docker-)?compose(\.[^.]+)?\.ya?ml$/i;

/** Like Compose's project name: the folder of a `docker-compose.yml`, else the file's own name. */
export function defaultVdcName(file: string, cwd: string): string | undefined {
  if (file === '-') return undefined;
  const full = path.resolve(cwd, file);
  const base = COMPOSE_FILE.test(path.basename(full)) ? path.basename(path.dirname(full)) : path.basename(full).replace(/\.[^.]*$/, '');
  const label = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  return label || undefined;
}

function reportTable(report: ReportLineAnswer[]): string[] {
  return renderTable(['SERVICE', 'KEY', 'RESULT', 'WHAT HAPPENED'], report.map((l) => [l.service, l.key, l.severity, l.message]));
}

export const compose = defineCommand({
  name: 'compose',
  summary: 'import a docker-compose.yml as a new VDC (not deployed), or export a VDC as one',
  usage: 'import FILE [--name NAME] [--dry-run] | export NAME [-o FILE] [--with-secrets]',
  positionals: [
    { name: 'ACTION', description: 'import or export' },
    { name: 'FILE', description: 'import: the docker-compose.yml, or - for stdin; export: the VDC name' },
  ],
  flags: {
    name: { type: 'string', short: 'n', value: 'NAME', description: 'the VDC name (default: the folder of a docker-compose.yml, or the file name)' },
    'dry-run': { type: 'boolean', description: 'print the manifest it would make (stdout) and the report (stderr); create nothing' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'export: write the compose file there and its secrets to .env beside it' },
    'with-secrets': { type: 'boolean', description: 'export: the VDC\'s own secret values in .env (else fresh ones); never in the file' },
  },
  examples: [
    '$ colo compose import docker-compose.yml --name shop',
    'SERVICE  KEY                          RESULT   WHAT HAPPENED',
    'db       image                        mapped   image postgres:16 becomes class postgres (PostgreSQL 15); the tag is not used',
    'db       environment.POSTGRES_PASSWORD dropped the given secret is not carried over: Colo generates the password secret …',
    'created VDC shop (revision 1), not deployed',
    '$ colo compose import docker-compose.yml --dry-run > shop.yaml',
    '$ colo compose export shop -o docker-compose.yml',
    'wrote docker-compose.yml (VDC shop, revision 3)',
    'wrote .env (its secrets, fresh values; keep it private)',
  ],
  async run(ctx, { flags, positionals }) {
    if (positionals.ACTION === 'export') {
      const vdc = positionals.FILE as string;
      if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(vdc)) throw new UsageError(`"${vdc}" is not a VDC name: export takes the VDC's name`, 'compose');
      return runComposeExport(ctx, positionals.FILE as string, { output: flags.output, withSecrets: flags['with-secrets'], json: flags.json });
    }
    if (positionals.ACTION !== 'import') throw new UsageError(`unknown action "${positionals.ACTION}": use import or export`, 'compose');
    const file = positionals.FILE as string;
    const name = flags.name ?? defaultVdcName(file, ctx.cwd);
    if (!name) throw new UsageError('--name NAME is needed when the file comes from stdin', 'compose');
    const source = await readInputFile(ctx, file, { noun: 'compose file', maxBytes: MAX_COMPOSE_BYTES, tooBig: 'larger than 256 KiB, not a compose file' });
    const client = await connect(ctx);

    if (flags['dry-run']) {
      const answer = await client.importComposeDryRun(name, source.text);
      if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
      else {
        for (const line of reportTable(answer.report)) ctx.err(line);
        for (const issue of answer.errors) ctx.err(formatIssue(issue));
        for (const issue of answer.warnings) ctx.err(formatWarning(issue));
        ctx.out(stringify(answer.manifest).trimEnd());
      }
      if (answer.errors.length > 0) {
        ctx.err(`error: the VDC would be refused: ${plural(answer.errors.length, 'error')}`);
        return 1;
      }
      return 0;
    }
    const answer = await client.importCompose(name, source.text);
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    for (const line of reportTable(answer.report)) ctx.out(line);
    for (const issue of answer.warnings) ctx.out(formatWarning(issue));
    const revision = typeof answer.revision === 'number' ? answer.revision : answer.revision?.number;
    ctx.out(`created VDC ${answer.vdc.name}${revision ? ` (revision ${revision})` : ''}, not deployed`);
    return 0;
  },
});
