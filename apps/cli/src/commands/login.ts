// `colo login URL --token T`: proves the token works before saving it, so a typo is caught now
// rather than on the next command.
import { ColoClient } from '../api-client';
import { defineCommand } from '../command';
import { normalizeUrl, writeConfig } from '../config';
import { ApiError, CliError, UsageError } from '../errors';

export const login = defineCommand({
  name: 'login',
  summary: 'check an API token against a Colo server and save both for later commands',
  usage: 'URL --token T',
  positionals: [{ name: 'URL', description: 'the Colo server, e.g. http://127.0.0.1:3000' }],
  flags: {
    token: { type: 'string', value: 'T', description: 'an API token (`-` reads it from stdin, keeping it out of shell history)' },
  },
  examples: [
    '$ colo login http://127.0.0.1:3000 --token colo_3f9a…',
    'logged in to http://127.0.0.1:3000 as admin@colo.local',
    'saved /home/me/.config/colo/config.json',
  ],
  async run(ctx, { flags, positionals }) {
    if (!flags.token) throw new UsageError('missing --token T', 'login');
    const token = flags.token === '-' ? (await ctx.readStdin()).trim() : flags.token;
    if (!token) throw new UsageError('the token is empty', 'login');
    const url = normalizeUrl(positionals.URL ?? '');

    let user: { id: string; email?: string | null; name?: string | null };
    try {
      ({ user } = await new ColoClient(url, token, ctx).me());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw new CliError(`token rejected by ${url}: check the token and try again`);
      throw error;
    }
    const file = await writeConfig(ctx.env, { url, token });

    if (flags.json) {
      ctx.out(JSON.stringify({ url, user, config: file }, null, 2));
    } else {
      ctx.out(`logged in to ${url} as ${user.email || user.name || user.id}`);
      ctx.out(`saved ${file}`);
    }
    if (ctx.env.COLO_URL || ctx.env.COLO_TOKEN) {
      ctx.err('note: COLO_URL / COLO_TOKEN are set in this shell and take precedence over the saved file');
    }
    return 0;
  },
});
