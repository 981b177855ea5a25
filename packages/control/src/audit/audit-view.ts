// One audit event as readers get it (API, export, CLI, page): every column, nothing derived.
import type { AuditEvent } from '@colo/db';

export interface AuditEventView {
  id: string;
  at: string;
  actor: { id: string | null; email: string; via: string; tokenId: string | null; address: string | null };
  action: string;
  outcome: string;
  status: number | null;
  vdc: { id: string | null; name: string | null } | null;
  detail: Record<string, unknown> | null;
}

export function auditEventView(row: AuditEvent): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, email: row.actorEmail, via: row.via, tokenId: row.tokenId, address: row.address },
    action: row.action,
    outcome: row.outcome,
    status: row.status,
    vdc: row.vdcId || row.vdcName ? { id: row.vdcId, name: row.vdcName } : null,
    detail: (row.detail as Record<string, unknown> | null) ?? null,
  };
}
