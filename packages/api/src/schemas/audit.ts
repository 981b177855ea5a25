// The audit log as the API reads it: the filters (the same for the list and the export), one
// event, a page with its cursor.
import { z } from 'zod';
import { text } from '../common';

export const auditOutcomeSchema = z.enum(['ok', 'denied', 'failed']);
export type AuditOutcomeName = z.infer<typeof auditOutcomeSchema>;

/** Checked again, field by field, by the server (a bad time or action is a 400 naming it). */
export const auditFilterQuery = z.object({
  /** ISO 8601, or a span back from now: `30m`, `24h`, `7d`. */
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  /** An email (any case), a user id, or `system` for what Colo did by itself. */
  actor: z.string().max(320).optional(),
  /** The start of an action: `deploy` finds deployVdc and deployFinished. */
  action: z.string().max(64).optional(),
  /** A VDC's name (now or as it was then) or id; deleted VDCs too. */
  vdc: z.string().max(100).optional(),
  outcome: z.union([auditOutcomeSchema, z.literal('')]).optional(),
});

export const auditListQuery = auditFilterQuery.extend({
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const auditExportQuery = auditFilterQuery.extend({
  format: z.enum(['csv', 'json']).default('csv'),
});

export const auditEventSchema = z.looseObject({
  id: text,
  at: text,
  actor: z.looseObject({
    id: z.string().nullable(),
    email: text,
    /** `session`, `token` (then tokenId) or `system`. */
    via: text,
    tokenId: z.string().nullable(),
    address: z.string().nullable(),
  }),
  /** An operation id of this contract (`deployVdc`), `signIn`, or `<kind>Finished` for an operation's end. */
  action: text,
  outcome: auditOutcomeSchema,
  status: z.number().nullable(),
  vdc: z.looseObject({ id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  /** Route params, an operation id, an error message: never a body or a secret. */
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventItem = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.looseObject({
  events: z.array(auditEventSchema),
  /** The next, older page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type AuditPageAnswer = z.infer<typeof auditPageSchema>;
