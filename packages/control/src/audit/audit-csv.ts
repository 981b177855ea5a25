// The audit log as CSV (RFC 4180: CRLF between records, a field with a comma, quote or line
// break quoted, quotes doubled). Opened in a spreadsheet, a cell starting with = + - @ (or a tab
// or CR) would run as a formula: such a cell gets a leading ' so it reads as the text it is.
import type { AuditEventView } from './audit-view';

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor_email', 'actor_id', 'via', 'token_id', 'address', 'action', 'outcome', 'status', 'vdc_name', 'vdc_id', 'detail'] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_COLUMNS);
}

export function auditCsvRow(e: AuditEventView): string {
  return csvRecord([e.id, e.at, e.actor.email, e.actor.id, e.actor.via, e.actor.tokenId, e.actor.address, e.action, e.outcome, e.status, e.vdc?.name, e.vdc?.id, e.detail]);
}
