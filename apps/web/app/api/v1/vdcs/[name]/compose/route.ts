import { ColoError, exportComposeVdc, requireScope } from '@colo/control';
import { z } from 'zod';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

const query = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  revision: z.coerce.number().int().min(1).optional(),
  secrets: z.enum(['0', '1', 'true', 'false']).default('0'),
});

/**
 * The VDC as a docker-compose.yml (an attachment), or `?format=json` → `{ text, env, report }`.
 * `?secrets=1` puts the VDC's own secret values in `env` (never in the file); that reveals them,
 * so it needs a token that may change VDCs, not a read-only one.
 */
export const GET = route<{ name: string }>(async ({ req, user, params, scope }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new ColoError('bad_request', 'format is yaml or json, revision a positive number, secrets 0 or 1');
  const withSecrets = parsed.data.secrets === '1' || parsed.data.secrets === 'true';
  if (withSecrets) requireScope({ scope }, 'deploy');
  const result = await exportComposeVdc(user, { name: params.name, revision: parsed.data.revision, withSecrets });
  if (parsed.data.format === 'json') return json(result);
  return new Response(result.text, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${params.name}.compose.yml"`,
      'cache-control': 'no-store',
    },
  });
});
