import { deleteEntry, getEntry } from '@colo/control';
import { json, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ user, params }) => json({ entry: await getEntry(user, params.name) }));

/** Removes the entry's listener and frees its port: an operation (202) of the VDC it points at. */
export const DELETE = route<{ name: string }>(async ({ user, params }) => json(await deleteEntry(user, params.name), 202));
