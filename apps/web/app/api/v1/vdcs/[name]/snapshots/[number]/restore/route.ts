import { requestOperation } from '@colo/control';
import { json, route } from '../../../../../../../../lib/http';
import { snapshotNumber } from '../../../../../../../../lib/schemas';

export const dynamic = 'force-dynamic';

/** Puts the VDC back to the snapshot (data and revision), after a safety snapshot: an operation (202). */
export const POST = route<{ name: string; number: string }>(async ({ user, params }) =>
  json({ operation: await requestOperation(user, params.name, 'restore', { snapshot: snapshotNumber(params.number) }) }, 202),
);
