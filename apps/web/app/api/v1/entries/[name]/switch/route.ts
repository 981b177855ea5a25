import { switchEntry } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Points the entry at another VDC (`{ vdc, target? }`): an operation (202) of that VDC. The body is checked after ownership. */
export const POST = route<{ name: string }>(async ({ req, user, params }) => json(await switchEntry(user, params.name, await readBody(req, z.unknown())), 202));
