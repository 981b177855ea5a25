import { assemblyExportQuery } from '@colo/api';
import { exportAssemblyFor } from '@colo/control';
import { json, readQuery, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The assembly as a `.colo.yaml` attachment (the newest version unless `version=N`), or `format=json`. */
export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const query = readQuery(req, assemblyExportQuery, 'format is yaml or json, version a positive number');
  const result = await exportAssemblyFor(user, params.id, query.version);
  if (query.format === 'json') return json(result);
  return new Response(result.text, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${params.id}.colo.yaml"`,
      'cache-control': 'no-store',
    },
  });
});
