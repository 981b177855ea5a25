// `colo validate -f FILE`: the server's validator is the source of truth (it has the catalog);
// this prints its verdict, one `path: message` line per issue.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { formatIssue, formatWarning } from '../errors';
import { plural } from '../format';
import { readManifest } from '../manifest-file';

export const validate = defineCommand({
  name: 'validate',
  summary: 'check a manifest against the schema, the catalog and the wiring rules',
  usage: '-f FILE',
  flags: { file: { type: 'string', short: 'f', value: 'FILE', description: 'the manifest (YAML or JSON), or - for stdin' } },
  examples: [
    '$ colo validate -f shop.yaml',
    'appliances[1].class: unknown class "web-phq" (did you mean "web-php"?)',
    'connections[0].to: appliance "nowhere" does not exist',
    'error: shop.yaml is invalid: 2 errors',
  ],
  async run(ctx, { flags }) {
    const source = await readManifest(ctx, flags.file, 'validate');
    const client = await connect(ctx);
    const result = await client.validate(source.text);

    if (flags.json) {
      ctx.out(JSON.stringify(result, null, 2));
    } else {
      for (const issue of result.errors) ctx.out(formatIssue(issue));
      for (const issue of result.warnings) ctx.out(formatWarning(issue));
    }
    const counts = [plural(result.errors.length, 'error'), ...(result.warnings.length ? [plural(result.warnings.length, 'warning')] : [])];
    if (!result.ok) {
      ctx.err(`error: ${source.label} is invalid: ${counts.join(', ')}`);
      return 1;
    }
    if (!flags.json) ctx.out(`${source.label} is valid${result.warnings.length ? ` (${counts[1]})` : ''}`);
    return 0;
  },
});

