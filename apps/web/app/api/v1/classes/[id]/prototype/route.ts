import { discardClassPrototype, openClassPrototype } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Opens the class's prototype (`{ version?, online? }`, the head and online unless told); admins only. */
export const POST = route<{ id: string }>(async ({ req, user, params }) => json(await openClassPrototype(user, params.id, await readBody(req, z.unknown()))), { scope: 'admin' });

/** Throws the prototype and its changes away. */
export const DELETE = route<{ id: string }>(async ({ user, params }) => json(await discardClassPrototype(user, params.id)), { scope: 'admin' });
