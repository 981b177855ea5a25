import { entryCreateBody } from '@colo/api';
import { createEntry, listEntries } from '@colo/control';
import { json, readBody, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ user }) => json({ entries: await listEntries(user) }));

/** Creates an entry on a host port pointing at a running VDC: the entry and its operation (202). */
export const POST = route(async ({ req, user }) => json(await createEntry(user, await readBody(req, entryCreateBody)), 202));
