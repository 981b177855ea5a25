import { auditListQuery } from '@colo/api';
import { listAuditEvents } from '@colo/control';
import { json, readQuery, route } from '../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The audit events the caller may see, newest first, one page; a read, so not itself audited. */
export const GET = route(async ({ req, user }) => {
  const query = readQuery(req, auditListQuery, 'since/until are dates or spans (24h), outcome ok, denied or failed, limit 1-500');
  return json(await listAuditEvents(user, { ...query, outcome: query.outcome || undefined }));
});
