import { bundleDataQuery, bundleExportQuery, flagOn } from '@colo/api';
import { ColoError, exportBundleDataVdc, exportBundleVdc } from '@colo/control';
import { json, readQuery, route } from '../../../../../../lib/http';
import { readableFrom } from '../../../../../../lib/readable-from';

export const dynamic = 'force-dynamic';

/** The VDC as a `.colo.yaml` bundle (an attachment), or `?format=json` → `{ bundle, text }`, or with data as a `.colo.tar`. */
export const GET = route<{ name: string }>(async ({ req, user, params }) => {
  const data = readQuery(req, bundleDataQuery, 'withData is 1 or 0, snapshot a positive number');
  if (data.withData !== undefined && flagOn(data.withData)) {
    const archive = await exportBundleDataVdc(user, { name: params.name, snapshot: data.snapshot });
    const body = readableFrom(archive.stream);
    return new Response(body, {
      headers: {
        'content-type': 'application/x-tar',
        'content-length': String(archive.size),
        // The size again, for clients behind anything that drops Content-Length from a stream.
        'x-colo-archive-bytes': String(archive.size),
        'content-disposition': `attachment; filename="${archive.filename}"`,
        'x-colo-snapshot': String(archive.snapshot),
        'cache-control': 'no-store',
      },
    });
  }
  if (data.snapshot !== undefined) throw new ColoError('bad_request', 'snapshot goes with withData=1');
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
