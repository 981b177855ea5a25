import { createAlertRule, listAlertRules } from '@colo/control';
import { z } from 'zod';
import { json, readBody, route } from '../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The VDC's alert rules: the built-in defaults (until overridden) and the user's own. */
export const GET = route<{ name: string }>(async ({ user, params }) => json({ rules: await listAlertRules(user, params.name) }));

/** Adds a rule `{ kind, appliance?, thresholdSeconds?, thresholdPercent?, channels?, enabled? }` (201). The body is checked after ownership. */
export const POST = route<{ name: string }>(async ({ req, user, params }) =>
  json({ rule: await createAlertRule(user, params.name, await readBody(req, z.unknown())) }, 201),
);
