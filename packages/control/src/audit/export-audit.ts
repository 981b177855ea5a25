// The audit log a reader asked for, whole, as a stream of text (CSV or JSON) read from Postgres a
// page at a time, so an export of a year costs the memory of one page. It stops at a cap and
// says so in the file itself: a last CSV record with id `truncated`, or `"truncated": true`.
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { auditCsvHeader, auditCsvRow, csvRecord } from './audit-csv';
import { parseAuditFilter } from './audit-filter';
import { type AuditCursor, auditScope, readAuditPage } from './audit-pages';
import { auditEventView } from './audit-view';

export const AUDIT_EXPORT_CAP = 100_000;
export type AuditExportFormat = 'csv' | 'json';

export interface AuditExportOptions {
  /** Rows at most (AUDIT_EXPORT_CAP unless told; tests use a small one). */
  cap?: number;
  /** Rows read per query. */
  batch?: number;
}

export interface AuditExport {
  contentType: string;
  filename: string;
  body: AsyncGenerator<string>;
}

/** Checks the filter now (a bad one is a 400, not a broken download), then streams. */
export async function exportAuditEvents(user: AuthUser, filters: Record<string, unknown>, format: AuditExportFormat, options: AuditExportOptions = {}): Promise<AuditExport> {
  if (format !== 'csv' && format !== 'json') throw new ColoError('bad_request', 'format: must be csv or json');
  const scope = await auditScope(user, parseAuditFilter(filters));
  const cap = options.cap ?? AUDIT_EXPORT_CAP;
  const batch = options.batch ?? 1000;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');

  /** The events in order, then `truncated` if there are more than `cap`. */
  async function* rows() {
    let after: AuditCursor | undefined;
    let sent = 0;
    for (;;) {
      // At most one row past the cap is read: it only tells "exactly cap" from "more".
      const take = Math.min(batch, cap - sent + 1);
      const page = await readAuditPage(scope, after, take);
      for (const row of page) {
        if (sent === cap) {
          yield 'truncated' as const;
          return;
        }
        sent++;
        yield row;
      }
      if (page.length < take) return;
      after = page[page.length - 1];
    }
  }

  const note = `export stopped at ${cap} events: narrow the filter (since, until) for the rest`;
  async function* csv() {
    yield auditCsvHeader();
    for await (const row of rows()) {
      yield row === 'truncated' ? csvRecord(['truncated', '', '', '', '', '', '', note]) : auditCsvRow(auditEventView(row));
    }
  }
  async function* json() {
    yield '{"events":[';
    let first = true;
    let truncated = false;
    for await (const row of rows()) {
      if (row === 'truncated') {
        truncated = true;
        break;
      }
      yield `${first ? '\n' : ',\n'}${JSON.stringify(auditEventView(row))}`;
      first = false;
    }
    yield `\n],"truncated":${truncated}${truncated ? `,"note":${JSON.stringify(note)}` : ''}}\n`;
  }

  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', filename: `colo-audit-${stamp}.csv`, body: csv() }
    : { contentType: 'application/json; charset=utf-8', filename: `colo-audit-${stamp}.json`, body: json() };
}
