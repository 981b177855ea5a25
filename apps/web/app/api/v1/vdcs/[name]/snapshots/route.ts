import { snapshotBody } from '@colo/api';
import { listSnapshots, requestOperation } from '@colo/control';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(async ({ user, params }) => json({ snapshots: await listSnapshots(user, params.name) }));

/** Takes a snapshot: an operation (202), its number in the operation's result once done. */
export const POST = route<{ name: string }>(async ({ req, user, params }) => {
  const body = await readBody(req, snapshotBody);
  return json({ operation: await requestOperation(user, params.name, 'snapshot', body) }, 202);
});
