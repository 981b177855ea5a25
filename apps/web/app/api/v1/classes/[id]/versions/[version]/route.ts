import { deleteClassVersion } from '@colo/control';
import { json, route } from '../../../../../../../lib/http';
import { classVersionParam } from '../../../../../../../lib/schemas';

export const dynamic = 'force-dynamic';

/** Deletes a committed version nothing uses, with its image. */
export const DELETE = route<{ id: string; version: string }>(
  async ({ user, params }) => json(await deleteClassVersion(user, params.id, classVersionParam(params.version))),
  { scope: 'admin' },
);
