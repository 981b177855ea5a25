// Which audit events a reader asks for: the filters of the list, the export and `colo audit`,
// checked once here (zod) and turned into one Prisma condition. Times are ISO 8601 or a span
// back from now (`30m`, `24h`, `7d`), so the CLI's `--since 24h` and a link with a date agree.
import type { Prisma } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { vdcIdOf } from '../vdcs/find-vdc';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;

const SPAN = /^(\d{1,6})([smhdw])$/;
const SPAN_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `24h` → 24 hours before `now`; an ISO date as it is; anything else undefined. */
export function parseAuditTime(value: string, now: Date = new Date()): Date | undefined {
  const span = SPAN.exec(value.trim());
  if (span) return new Date(now.getTime() - Number(span[1]) * SPAN_MS[span[2]]);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const time = z
  .string()
  .max(40)
  .refine((v) => parseAuditTime(v) !== undefined, 'must be an ISO date (2026-12-03T10:00:00Z) or a span back from now (30m, 24h, 7d)');

// Postgres refuses a NUL in text: refused here as bad input rather than failing the query.
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32), 'must not contain control characters');

export const auditFilterSchema = z.object({
  since: time.optional(),
  until: time.optional(),
  /** An email (any case), a user id, or `system`. */
  actor: plain(320).optional(),
  /** The start of an action's name: `deploy` finds deployVdc and deployFinished. */
  action: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, 'must be letters and digits, the start of an action such as deploy or createToken')
    .optional(),
  /** A VDC's name (current or as it was then) or id; deleted VDCs included. */
  vdc: plain(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
});

export type AuditFilterInput = z.input<typeof auditFilterSchema>;

export interface AuditFilter {
  since?: Date;
  until?: Date;
  actor?: string;
  action?: string;
  vdc?: string;
  outcome?: (typeof AUDIT_OUTCOMES)[number];
}

/** Checks what a reader sent (`bad_request` naming the field); empty strings count as not given. */
export function parseAuditFilter(input: Record<string, unknown>, now: Date = new Date()): AuditFilter {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const raw = parseInput(auditFilterSchema, given, 'filter');
  const filter: AuditFilter = { actor: raw.actor, action: raw.action, vdc: raw.vdc, outcome: raw.outcome };
  if (raw.since) filter.since = parseAuditTime(raw.since, now);
  if (raw.until) filter.until = parseAuditTime(raw.until, now);
  if (filter.since && filter.until && filter.since > filter.until) throw new ColoError('bad_request', 'since: must be before until');
  return filter;
}

/** The filter as a Prisma condition; a VDC name the reader reaches now also finds it under older names. */
export async function auditFilterWhere(user: AuthUser, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput[]> {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filter.since) where.push({ at: { gte: filter.since } });
  if (filter.until) where.push({ at: { lte: filter.until } });
  if (filter.actor) {
    where.push(
      filter.actor === 'system' ? { via: 'system' } : { OR: [{ actorId: filter.actor }, { actorEmail: { equals: filter.actor, mode: 'insensitive' } }] },
    );
  }
  if (filter.action) where.push({ action: { startsWith: filter.action, mode: 'insensitive' } });
  if (filter.vdc) {
    const current = (await vdcIdOf(user, filter.vdc).catch(() => undefined))?.id;
    where.push({ OR: [{ vdcId: filter.vdc }, { vdcName: filter.vdc }, ...(current ? [{ vdcId: current }] : [])] });
  }
  if (filter.outcome) where.push({ outcome: filter.outcome });
  return where;
}
