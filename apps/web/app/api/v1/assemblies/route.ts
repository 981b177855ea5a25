import { listAssemblies, saveAssembly } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

const saveBody = z.object({
  /** The definition (see docs/contracts.md, "Assemblies"); its version is assigned. */
  assembly: z.record(z.string(), z.unknown()),
  note: z.string().max(500).optional(),
});

/** The assemblies the caller may place: their own, shared with them, published. */
export const GET = route(async ({ user }) => json({ assemblies: await listAssemblies(user) }));

/** Saves a new assembly (version 1) or the next version of the caller's own. */
export const POST = route(async ({ req, user }) => {
  const body = await readBody(req, saveBody);
  const saved = await saveAssembly(user, body.assembly, body.note);
  return json(saved, 201);
});
