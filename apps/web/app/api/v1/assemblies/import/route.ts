import { assemblyImportBody } from '@colo/api';
import { importAssemblyFor } from '@colo/control';
import { json, readBody, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** An assembly's `.colo.yaml`: the versions this Colo lacks become the caller's private assemblies. */
export const POST = route(async ({ req, user }) => {
  const { bundle } = await readBody(req, assemblyImportBody);
  return json(await importAssemblyFor(user, bundle), 201);
});
