// `colo import FILE`: a `.colo.yaml` bundle made into a VDC (not deployed) by the server, which
// checks it (format, checksum, classes, the manifest validator, quota). With --dry-run the
// manifest is printed (stdout, so it can be saved) and the report goes to stderr. A `.colo.tar`
// (colo export --with-data) is uploaded as it is: the VDC is made with its volumes filled.
import { stringify } from 'yaml';
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { formatIssue, formatWarning } from '../errors';
import { plural } from '../format';
import { readInputFile } from '../manifest-file';
import { reportOperation } from '../operation-wait';
import { isTarFile, printArchiveImport, uploadArchive } from './bundle-data';
import path from 'node:path';

/** The server refuses more; this stops an accidental upload of something else. */
const MAX_BUNDLE_BYTES = 1024 * 1024;

export const importCommand = defineCommand({
  name: 'import',
  summary: 'import a .colo.yaml bundle (or a .colo.tar with data) as a new VDC (not deployed)',
  usage: 'FILE [--name NAME] [--dry-run]',
  positionals: [{ name: 'FILE', description: 'the .colo.yaml bundle or .colo.tar archive, or - for stdin (a bundle only)' }],
  flags: {
    name: { type: 'string', short: 'n', value: 'NAME', description: 'the VDC name (default: the name in the bundle)' },
    'dry-run': { type: 'boolean', description: 'print the manifest it would make (stdout) and the report (stderr); create nothing' },
  },
  examples: ['$ colo import shop.colo.yaml --name shop-copy', 'created VDC shop-copy (revision 1), not deployed'],
  async run(ctx, { flags, positionals }) {
    const file = positionals.FILE as string;
    if (file !== '-' && (await isTarFile(path.resolve(ctx.cwd, file)))) {
      const client = await connect(ctx);
      const answer = await uploadArchive(ctx, client, { file, name: flags.name, dryRun: flags['dry-run'] });
      if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
      if (flags['dry-run']) {
        if (flags.json) return answer.errors.length > 0 ? 1 : 0;
        for (const line of answer.report) ctx.err(line);
        for (const issue of answer.errors) ctx.err(formatIssue({ path: issue.path ?? '', message: issue.message } as Parameters<typeof formatIssue>[0]));
        for (const v of answer.volumes) ctx.err(`${v.appliance}/${v.volume}: ${plural(v.bytes, 'byte')} of data`);
        ctx.out(stringify(answer.manifest).trimEnd());
        return answer.errors.length > 0 ? 1 : 0;
      }
      // The VDC exists; its volumes fill in a data_import operation, followed with its steps.
      if (answer.operation) {
        if (!flags.json) ctx.out(`created VDC ${answer.vdc?.name ?? ''}; filling its volumes (${answer.operation.id})`);
        const code = await reportOperation(ctx, client, answer.operation, { wait: true, json: flags.json, timeoutSeconds: undefined, extra: {} });
        if (code !== 0) return code;
      }
      if (!flags.json) printArchiveImport(ctx, answer);
      return 0;
    }
    const source = await readInputFile(ctx, positionals.FILE as string, { noun: 'bundle', maxBytes: MAX_BUNDLE_BYTES, tooBig: 'larger than 1 MiB, not a bundle' });
    const client = await connect(ctx);
    if (flags['dry-run']) {
      const answer = await client.importBundleDryRun(source.text, { name: flags.name });
      if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
      else {
        for (const line of answer.report) ctx.err(line);
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
    const answer = await client.importBundle(source.text, { name: flags.name });
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    for (const line of answer.report) ctx.out(line);
    for (const issue of answer.warnings) ctx.out(formatWarning(issue));
    const revision = typeof answer.revision === 'number' ? answer.revision : answer.revision?.number;
    ctx.out(`created VDC ${answer.vdc.name}${revision ? ` (revision ${revision})` : ''}, not deployed`);
    return 0;
  },
});
