// `colo image ls|allow|disallow`: the images an admin allows the custom-image class to run. Colo
// never pulls: load the image into the Docker engine first (`docker load -i app.tar`), then allow it.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { customImageApi } from '../custom-image-api';
import { UsageError } from '../errors';
import { renderTable } from '../table';

const ACTIONS = ['ls', 'allow', 'disallow'] as const;
type Action = (typeof ACTIONS)[number];

export const imageCommand = defineCommand({
  name: 'image',
  summary: 'admins: the images the custom-image class may run (loaded into the engine, never pulled)',
  usage: 'ls | allow IMAGE [-m NOTE] | disallow IMAGE',
  positionals: [
    { name: 'ACTION', description: 'ls, allow or disallow' },
    { name: 'IMAGE', description: 'allow, disallow: an image reference, e.g. acme/blog:2', optional: true },
  ],
  flags: {
    message: { type: 'string', short: 'm', value: 'NOTE', description: 'allow: why it is allowed (shown by ls)' },
  },
  examples: [
    '$ docker load -i blog.tar',
    '$ colo image allow acme/blog:2 -m "the team blog"',
    'allowed acme/blog:2: appliances of class custom-image may run it',
    '$ colo image ls',
    'IMAGE        NOTE           ALLOWED BY',
    'acme/blog:2  the team blog  ann@example.com',
  ],
  async run(ctx, { positionals, flags }) {
    const { ACTION: action, IMAGE: image } = positionals;
    if (!ACTIONS.includes(action as Action)) throw new UsageError(`ACTION must be one of ${ACTIONS.join(', ')}`, 'image');
    if (action === 'ls' && image !== undefined) throw new UsageError('ls takes no IMAGE', 'image');
    if (action !== 'ls' && image === undefined) throw new UsageError(`${action} needs the IMAGE (e.g. acme/blog:2)`, 'image');
    if (action !== 'allow' && flags.message !== undefined) throw new UsageError('-m goes with allow only', 'image');
    const client = await connect(ctx);
    if (action === 'ls') {
      const { images } = await customImageApi.list(client);
      if (flags.json) ctx.out(JSON.stringify({ images }, null, 2));
      else if (images.length === 0) ctx.out('no images allowed: colo image allow IMAGE (after docker load)');
      else for (const line of renderTable(['IMAGE', 'NOTE', 'ALLOWED BY'], images.map((i) => [i.reference, i.note, i.allowedBy]))) ctx.out(line);
      return 0;
    }
    if (action === 'allow') {
      const answer = await customImageApi.allow(client, { image: image as string, ...(flags.message !== undefined ? { note: flags.message } : {}) });
      if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
      else ctx.out(`allowed ${answer.image.reference}: appliances of class custom-image may run it (it must be loaded into the engine; Colo never pulls)`);
      return 0;
    }
    const answer = await customImageApi.disallow(client, image as string);
    if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
    else ctx.out(`disallowed ${answer.reference}: running VDCs keep it; saving or deploying one that names it is refused`);
    return 0;
  },
});
