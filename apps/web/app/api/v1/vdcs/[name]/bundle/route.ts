import { bundleExportQuery } from '@colo/api';
import { exportBundleVdc } from '@colo/control';
import { json, readQuery, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The VDC as a `.colo.yaml` bundle (an attachment), or `?format=json` → `{ bundle, text }`. */
export const GET = route<{ name: string }>(async ({ req, user, params }) => {
  const query = readQuery(req, bundleExportQuery, 'format is yaml or json, revision a positive number');
  const result = await exportBundleVdc(user, { name: params.name, revision: query.revision });
  if (query.format === 'json') return json(result);
  return new Response(result.text, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${params.name}.colo.yaml"`,
      'cache-control': 'no-store',
    },
  });
});
