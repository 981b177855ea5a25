// What Colo does by itself, in the audit log under the `system` actor: the operations it asks
// for (a schedule, the flap guard, a wake-on-request, an edge or entry repair) and the end of
// every operation, whoever asked, so the log says "deploy failed: reason" and not only
// "deploy requested". Each function is called once its change is committed and never throws:
// a missing audit row must not undo or fail what Colo did.
import { getPrisma } from '@colo/db';
import { type AuditOutcome, recordAudit, SYSTEM_ACTOR } from './record-audit';

/** Who inside Colo asked for an operation. */
export type SystemRequester = 'schedule' | 'flap guard' | 'wake on request' | 'edge repair' | 'entry repair' | 'node drain';

/** The API operation a user would have called for the same kind: one action name, whoever asks. */
const REQUEST_ACTIONS: Record<string, string> = {
  deploy: 'deployVdc',
  stop: 'stopVdc',
  start: 'startVdc',
  destroy: 'destroyVdc',
  snapshot: 'takeSnapshot',
  restore: 'restoreSnapshot',
  clone: 'cloneVdc',
  snapshot_delete: 'deleteSnapshot',
  entry_switch: 'switchEntry',
  entry_delete: 'deleteEntry',
  move: 'moveAppliance',
};

/** `deploy` → `deployFinished`, `entry_switch` → `entrySwitchFinished`. */
export function finishedAction(kind: string): string {
  return `${kind.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}Finished`;
}

export interface SystemRequest {
  by: SystemRequester;
  operationId: string;
  kind: string;
  vdc: { id: string; name: string };
  /** Why Colo asked (the flap guard's reason, the repair's cause, the schedule's id…). */
  detail?: Record<string, unknown>;
}

/** An operation Colo queued on its own. */
export async function auditSystemRequest(request: SystemRequest): Promise<void> {
  await recordAudit({
    actor: SYSTEM_ACTOR,
    action: REQUEST_ACTIONS[request.kind] ?? request.kind,
    outcome: 'ok',
    vdc: { id: request.vdc.id, name: request.vdc.name },
    detail: { requestedBy: request.by, operation: request.operationId, kind: request.kind, ...request.detail },
  });
}

/**
 * The end of an operation (succeeded, or failed for good), looked up by id so every place that
 * ends one needs only the id. `reason` is the error already redacted by the run.
 */
export async function auditOperationEnd(operationId: string, outcome: Exclude<AuditOutcome, 'denied'>, reason?: string, by?: string): Promise<void> {
  try {
    const op = await getPrisma().operation.findUnique({
      where: { id: operationId },
      select: { kind: true, errorCode: true, requestedById: true, vdc: { select: { id: true, name: true } } },
    });
    if (!op) return;
    const detail: Record<string, unknown> = { operation: operationId, kind: op.kind };
    if (op.requestedById) detail.requestedById = op.requestedById;
    if (reason) detail.error = reason.slice(0, 500);
    if (outcome === 'failed' && op.errorCode) detail.code = op.errorCode;
    if (by) detail.by = by;
    await recordAudit({ actor: SYSTEM_ACTOR, action: finishedAction(op.kind), outcome, vdc: op.vdc, detail });
  } catch (error) {
    process.stderr.write(`audit: could not record the end of ${operationId}: ${(error as Error).message}\n`);
  }
}

/**
 * One run of a schedule that asked for something or was refused (quota, an entry's guard); a
 * skipped run (busy, nothing to do) changed nothing and is left to the schedule's `lastResult`.
 */
export async function auditScheduleRun(
  schedule: { id: string; kind: string; cron: string; vdc: { id: string; name: string } },
  result: string,
  operationId: string | undefined,
): Promise<void> {
  const detail = { schedule: schedule.id, cron: schedule.cron };
  if (operationId) {
    await auditSystemRequest({ by: 'schedule', operationId, kind: schedule.kind, vdc: schedule.vdc, detail });
  } else if (result.startsWith('refused')) {
    await recordAudit({
      actor: SYSTEM_ACTOR,
      action: REQUEST_ACTIONS[schedule.kind] ?? schedule.kind,
      outcome: 'denied',
      vdc: { id: schedule.vdc.id, name: schedule.vdc.name },
      detail: { requestedBy: 'schedule', kind: schedule.kind, ...detail, error: result.slice(0, 500) },
    });
  }
}
