import { assemblySaveBody } from '@colo/api';
import { listAssemblies, saveAssembly } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The assemblies the caller may place: their teams', shared with them, published. */
export const GET = route(async ({ user }) => json({ assemblies: await listAssemblies(user) }));

/** Saves a new assembly (version 1, in `team` or the caller's personal team) or the next version of one of their team's. */
export const POST = route(async ({ req, user }) => {
  const body = await readBody(req, assemblySaveBody);
  const saved = await saveAssembly(user, body.assembly, body.note, body.team);
  return json(saved, 201);
});
