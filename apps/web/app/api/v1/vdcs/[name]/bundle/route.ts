import { ColoError, exportBundleVdc } from '@colo/control';
import { z } from 'zod';
import { json, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

const query = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  revision: z.coerce.number().int().min(1).optional(),
});

/** The VDC as a `.colo.yaml` bundle (an attachment), or `?format=json` → `{ bundle, text }`. */
export const GET = route<{ name: string }>(async ({ req, user, params }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new ColoError('bad_request', 'format is yaml or json, revision a positive number');
  const result = await exportBundleVdc(user, { name: params.name, revision: parsed.data.revision });
  if (parsed.data.format === 'json') return json(result);
  return new Response(result.text, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${params.name}.colo.yaml"`,
      'cache-control': 'no-store',
    },
  });
});
