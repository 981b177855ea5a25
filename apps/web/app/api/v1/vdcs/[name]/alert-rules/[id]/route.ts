import { deleteAlertRule, updateAlertRule } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** Changes a rule's threshold, channels or switch. */
export const PATCH = route<{ name: string; id: string }>(async ({ req, user, params }) =>
  json({ rule: await updateAlertRule(user, params.name, params.id, await readBody(req, z.unknown())) }),
);

/** Removes the rule; the default of its kind applies again. */
export const DELETE = route<{ name: string; id: string }>(async ({ user, params }) => json({ rule: await deleteAlertRule(user, params.name, params.id) }));
