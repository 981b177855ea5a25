import { composeExportQuery, flagOn } from '@colo/api';
import { exportComposeVdc, requireScope } from '@colo/control';
import { json, readQuery, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/**
 * The VDC as a docker-compose.yml (an attachment), or `?format=json` → `{ text, env, report }`.
 * `?secrets=1` puts the VDC's own secret values in `env` (never in the file); that reveals them,
 * so it needs a token that may change VDCs, not a read-only one.
 */
export const GET = route<{ name: string }>(async ({ req, user, params, scope }) => {
  const query = readQuery(req, composeExportQuery, 'format is yaml or json, revision a positive number, secrets 0 or 1');
  const withSecrets = flagOn(query.secrets);
  if (withSecrets) requireScope({ scope }, 'deploy');
  const result = await exportComposeVdc(user, { name: params.name, revision: query.revision, withSecrets });
  if (query.format === 'json') return json(result);
  return new Response(result.text, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${params.name}.compose.yml"`,
      'cache-control': 'no-store',
    },
  });
});
