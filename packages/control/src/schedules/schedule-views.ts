// What the API shows of a schedule: its timetable (UTC), when it runs next, and how its last run
// went, with the status of the operation that run asked for.
import { getPrisma, type OperationStatus, type Schedule, type ScheduleKind } from '@colo/db';

export interface ScheduleView {
  id: string;
  vdc: string;
  kind: ScheduleKind;
  cron: string;
  /** Cron expressions are read in this time zone. */
  timezone: 'UTC';
  keep: number | null;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  /** `requested`, `skipped: …` or `refused: …`. */
  lastResult: string | null;
  lastOperation: { id: string; status: OperationStatus; error: string | null } | null;
  createdAt: Date;
}

export async function scheduleViews(schedules: Schedule[], vdcName: string): Promise<ScheduleView[]> {
  const ids = schedules.map((s) => s.lastOperationId).filter((id): id is string => id !== null);
  const ops = ids.length === 0 ? [] : await getPrisma().operation.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, error: true } });
  const byId = new Map(ops.map((op) => [op.id, op]));
  return schedules.map((s) => ({
    id: s.id,
    vdc: vdcName,
    kind: s.kind,
    cron: s.cron,
    timezone: 'UTC',
    keep: s.keep,
    enabled: s.enabled,
    nextRunAt: s.nextRunAt,
    lastRunAt: s.lastRunAt,
    lastResult: s.lastResult,
    lastOperation: s.lastOperationId ? (byId.get(s.lastOperationId) ?? null) : null,
    createdAt: s.createdAt,
  }));
}
