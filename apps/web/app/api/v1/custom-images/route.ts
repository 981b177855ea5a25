import { customImageBody, customImageQuery } from '@colo/api';
import { allowCustomImage, disallowCustomImage, listCustomImages } from '@colo/control';
import { json, readBody, readQuery, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Admins only (and an `admin` token): the images the custom-image class may run. */
export const GET = route(async ({ user }) => json(await listCustomImages(user)), { scope: 'admin' });

/** Admins only: allows an image (already loaded into the engine: Colo never pulls). 201 when new. */
export const POST = route(
  async ({ req, user }) => {
    const { image, created } = await allowCustomImage(user, await readBody(req, customImageBody));
    return json({ image }, created ? 201 : 200);
  },
  { scope: 'admin' },
);

/** Admins only: `?image=<reference>` off the list. Running VDCs keep running; a new save or deploy naming it is refused. */
export const DELETE = route(
  async ({ req, user }) => {
    const { image } = readQuery(req, customImageQuery, 'image is the image reference to disallow, e.g. ?image=acme%2Fblog%3A2');
    return json(await disallowCustomImage(user, image));
  },
  { scope: 'admin' },
);
