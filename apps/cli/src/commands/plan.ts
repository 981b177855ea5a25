// `colo plan -f FILE`: what applying this manifest would change in Docker now; nothing is saved.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { readManifest } from '../manifest-file';
import { summarizePlan, textHasSummary } from '../plan-summary';

export const plan = defineCommand({
  name: 'plan',
  summary: 'show what applying a manifest would create, update and remove (changes nothing)',
  usage: '-f FILE',
  flags: { file: { type: 'string', short: 'f', value: 'FILE', description: 'the manifest (YAML or JSON), or - for stdin' } },
  examples: [
    '$ colo plan -f shop.yaml',
    'Plan for VDC shop (colo-shop-k3x9qa):',
    '    + container colo-shop-k3x9qa-web-4  (new replica)',
    '    + container colo-shop-k3x9qa-web-5  (new replica)',
    '',
    'Plan: 2 to create, 0 to recreate, 0 to remove, 0 to start.',
  ],
  async run(ctx, { flags }) {
    const source = await readManifest(ctx, flags.file, 'plan');
    const client = await connect(ctx);
    const answer = await client.plan(source.text);
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    const name = answer.vdc ?? source.label;
    const text = answer.text.trimEnd();
    if (answer.exists === false) ctx.out(`${name} is a new VDC: applying creates it`);
    ctx.out(text || `plan for ${name}`);
    if (!textHasSummary(text)) {
      const summary = summarizePlan(answer.plan);
      if (summary) ctx.out(summary);
    }
    return 0;
  },
});
