// A terminal's end in the audit log (`terminalClosed`): who, what it was attached to, how long it
// lasted, why it closed and the exit status. Its opening (or refusal) is the route's own record.
import { type AuditActor, recordAudit } from '../audit/record-audit';
import type { AuditVdc } from '../audit/audit-vdc-ref';

export interface TerminalEnd {
  reason: string;
  exitCode: number | null;
  openMs: number;
}

/** Never throws (recordAudit does not): a target's `closed` hook calls it and moves on. */
export function auditTerminalEnd(actor: AuditActor, end: TerminalEnd, what: Record<string, unknown>, vdc?: AuditVdc): void {
  void recordAudit({
    actor,
    action: 'terminalClosed',
    outcome: 'ok',
    ...(vdc ? { vdc } : {}),
    detail: { ...what, durationMs: end.openMs, reason: end.reason, exitCode: end.exitCode },
  });
}
