import { createSchedule, listSchedules } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The VDC's schedules (cron in UTC), each with its next run and how its last run went. */
export const GET = route<{ name: string }>(async ({ user, params }) => json({ schedules: await listSchedules(user, params.name) }));

/** Adds a schedule: `{ kind: snapshot|stop|start, cron, keep? (snapshot), enabled? }` (201). The body is checked after ownership. */
export const POST = route<{ name: string }>(async ({ req, user, params }) =>
  json({ schedule: await createSchedule(user, params.name, await readBody(req, z.unknown())) }, 201),
);
