// The audit log a reader asked for, one page: newest first, with the cursor of the next page.
import type { AuthUser } from '../auth/api-tokens';
import { parseAuditFilter } from './audit-filter';
import { auditScope, decodeAuditCursor, encodeAuditCursor, readAuditPage } from './audit-pages';
import { type AuditEventView, auditEventView } from './audit-view';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

export interface AuditQuery {
  since?: string;
  until?: string;
  actor?: string;
  action?: string;
  vdc?: string;
  outcome?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export async function listAuditEvents(user: AuthUser, query: AuditQuery): Promise<AuditPage> {
  const { cursor, limit, ...filters } = query;
  const filter = parseAuditFilter(filters);
  const after = cursor ? decodeAuditCursor(cursor) : undefined;
  const take = Math.min(Math.max(Math.trunc(limit ?? AUDIT_PAGE_DEFAULT), 1), AUDIT_PAGE_MAX);
  const rows = await readAuditPage(await auditScope(user, filter), after, take + 1);
  const page = rows.slice(0, take);
  return { events: page.map(auditEventView), nextCursor: rows.length > take ? encodeAuditCursor(page[page.length - 1]) : null };
}
