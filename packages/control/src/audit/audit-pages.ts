// Reading the audit log newest first, a page at a time, by keyset (at, id): a page never skips
// or repeats an event however many are written meanwhile, and the cost of page 1000 is the cost
// of page 1. The cursor is opaque to readers: the last event's time and id, base64url.
import { type AuditEvent, getPrisma, type Prisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { type AuditFilter, auditFilterWhere } from './audit-filter';
import { auditVisibility } from './audit-visibility';

export interface AuditCursor {
  at: Date;
  id: string;
}

export function encodeAuditCursor(row: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const when = new Date(at as string);
    if (typeof id === 'string' && /^aud_[a-z0-9]+$/.test(id) && !Number.isNaN(when.getTime())) return { at: when, id };
  } catch {
    // falls through to the refusal
  }
  throw new ColoError('bad_request', 'cursor: not a cursor this server gave (take nextCursor from the previous page)');
}

/** Everything a reader's query stands for but the page: visibility AND the filter. */
export async function auditScope(user: AuthUser, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  return { AND: [await auditVisibility(user), ...(await auditFilterWhere(user, filter))] };
}

const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];

/** Up to `take` events of `scope` older than `after` (newest first). */
export function readAuditPage(scope: Prisma.AuditEventWhereInput, after: AuditCursor | undefined, take: number): Promise<AuditEvent[]> {
  const older: Prisma.AuditEventWhereInput | undefined = after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : undefined;
  return getPrisma().auditEvent.findMany({ where: older ? { AND: [scope, older] } : scope, orderBy: NEWEST_FIRST, take });
}
