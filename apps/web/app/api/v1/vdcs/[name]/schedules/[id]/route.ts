import { deleteSchedule, updateSchedule } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Changes `cron`, `keep` or `enabled`; the next run is computed anew. The body is checked after ownership. */
export const PATCH = route<{ name: string; id: string }>(async ({ req, user, params }) =>
  json({ schedule: await updateSchedule(user, params.name, params.id, await readBody(req, z.unknown())) }),
);

/** Removes the schedule; the snapshots it took stay. */
export const DELETE = route<{ name: string; id: string }>(async ({ user, params }) => json({ schedule: await deleteSchedule(user, params.name, params.id) }));
