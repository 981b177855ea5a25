import { serveBootstrapImages } from '@colo/control';
import { clientIp } from '../../../../../../lib/client-address';
import { linkRoute } from '../../../../../../lib/http';
import { readableFrom } from '../../../../../../lib/readable-from';

export const dynamic = 'force-dynamic';

/**
 * `docker save` of Colo's bootstrap images, for `curl -fsS <url> | docker load` on a machine
 * joining the swarm. No session or API token: that machine has no Colo account, and the one-use,
 * 30-minute secret in the path (made by an admin, kept hashed) is the whole credential; it opens
 * these two images and nothing else. A wrong, used or expired link is a 404 saying which; each
 * use of a real link is audited with the fetching address.
 */
export const GET = linkRoute<{ token: string }>(async ({ req, params }) => {
  const served = await serveBootstrapImages(params.token, clientIp(req));
  const body = readableFrom(served.stream);
  return new Response(body, {
    headers: {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${served.filename}"`,
      'x-colo-images': served.images.join(' '),
      'cache-control': 'no-store',
    },
  });
});
