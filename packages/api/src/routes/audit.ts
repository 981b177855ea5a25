// The audit log: who changed what, read (never written) through the API. Reads are not audited.
import { defineOperation as op } from '../operation';
import { auditExportQuery, auditListQuery, auditPageSchema } from '../schemas/audit';

export const auditOperations = [
  op({
    method: 'GET', path: '/api/v1/audit', operationId: 'listAuditEvents', tag: 'Audit', auth: 'session-or-token',
    summary: 'Audit events the caller may see (an admin: all; anyone else: their own and their VDCs\'), newest first, filtered, a page at a time',
    description: 'Filters: `since`/`until` (ISO 8601 or `24h`, `7d`…), `actor` (email, user id or `system`), `action` (a prefix: `deploy`), `vdc` (name or id, deleted VDCs too), `outcome`. Pages by `cursor` (the previous page\'s `nextCursor`), `limit` per page (50 unless told, at most 500).',
    query: auditListQuery,
    responses: { 200: { description: 'a page of events and the cursor of the next', json: auditPageSchema } },
    errors: ['bad_request'],
  }),
  op({
    method: 'GET', path: '/api/v1/audit/export', operationId: 'exportAuditEvents', tag: 'Audit', auth: 'session-or-token',
    summary: 'The same events, every page, as a CSV or JSON attachment (streamed; at most 100 000, a last record says when it stopped)',
    description: 'CSV per RFC 4180 with a header; a cell starting with = + - @ is prefixed with \' so spreadsheets read it as text. JSON: `{ events: [...], truncated }`.',
    query: auditExportQuery,
    responses: { 200: { description: 'the events as a file', media: ['text/csv', 'application/json'] } },
    errors: ['bad_request'],
  }),
];
