import { getSnapshot, requestOperation } from '@colo/control';
import { json, route } from '../../../../../../../lib/http';
import { snapshotNumber } from '../../../../../../../lib/schemas';

export const dynamic = 'force-dynamic';

type Params = { name: string; number: string };

export const GET = route<Params>(async ({ user, params }) => json({ snapshot: await getSnapshot(user, params.name, snapshotNumber(params.number)) }));

/** Deletes the snapshot and its volumes: an operation (202) of the VDC. */
export const DELETE = route<Params>(async ({ user, params }) =>
  json({ operation: await requestOperation(user, params.name, 'snapshot_delete', { snapshot: snapshotNumber(params.number) }) }, 202),
);
