// Firing due schedules, once each, however many workers tick. A run is claimed by moving the
// schedule's `nextRunAt` on with a conditional update (only if it still holds the value read),
// in the same transaction that writes the operation it asks for: two tickers cannot both win,
// and a crash leaves either nothing (the run fires on the next tick) or a queued operation that
// the lost-job sweep hands to the queue. The next run is counted from now, so runs missed while
// no worker ran fire once on recovery, not once per missed slot.
//
// The operation is checked like a user's request (requestOperation's checks) and queued behind
// whatever the VDC is doing (one operation per VDC runs at a time, in order). What is skipped:
// a run whose previous operation has not finished yet (no pile-up behind a stuck VDC), a stop of
// a VDC that is not running, a start of one that is not stopped, a snapshot of one never
// deployed. A refused request (e.g. a quota) is recorded as `refused: …`.
import { getPrisma, type Prisma, type Schedule, type Vdc } from '@colo/db';
import { auditScheduleRun } from '../audit/system-events';
import type { AuthUser } from '../auth/api-tokens';
import { isColoError } from '../errors';
import { checkOperation, enqueueWritten } from '../operations/request-operation';
import { actingMember } from '../teams/acting-member';
import { CronError, nextRun, parseCron } from './cron';

export interface FiredSchedule {
  scheduleId: string;
  vdc: string;
  kind: Schedule['kind'];
  /** `requested`, `skipped: …` or `refused: …`. */
  result: string;
  operationId?: string;
}

type DueSchedule = Schedule & { vdc: Vdc & { owner: AuthUser } };

const RUNNABLE_STATES: Record<Schedule['kind'], readonly Vdc['state'][]> = {
  snapshot: ['running', 'stopped', 'failed'],
  stop: ['running', 'failed'],
  start: ['stopped', 'failed'],
};

async function skipReason(schedule: DueSchedule): Promise<string | undefined> {
  if (schedule.lastOperationId) {
    const previous = await getPrisma().operation.findUnique({ where: { id: schedule.lastOperationId }, select: { status: true } });
    if (previous && (previous.status === 'queued' || previous.status === 'running')) {
      return `busy: the previous run (${schedule.lastOperationId}) is still ${previous.status}`;
    }
  }
  const state = schedule.vdc.state;
  if (!RUNNABLE_STATES[schedule.kind].includes(state)) {
    if (state === 'new') return 'the VDC was never deployed';
    return schedule.kind === 'start' && state === 'running' ? 'the VDC is running already' : `the VDC is ${state}`;
  }
  return undefined;
}

/** What one run asks for: the operation's row (not written yet), or why it asks for nothing. */
async function decide(schedule: DueSchedule): Promise<{ result: string; operation?: Prisma.OperationUncheckedCreateInput }> {
  const skip = await skipReason(schedule);
  if (skip) return { result: `skipped: ${skip}` };
  const { vdc } = schedule;
  try {
    const operation =
      schedule.kind === 'snapshot'
        ? await checkOperation(await actingMember(vdc), vdc.id, 'snapshot', { note: `scheduled (${schedule.cron} UTC, keeps ${schedule.keep ?? 1})` }, { schedule: schedule.id })
        : await checkOperation(await actingMember(vdc), vdc.id, schedule.kind, {});
    return { result: 'requested', operation };
  } catch (error) {
    // A refusal a user would have got (quota, entry guard…): recorded, tried again next time.
    if (isColoError(error) && !error.retryable && error.code !== 'internal') return { result: `refused: ${error.message}` };
    throw error;
  }
}

/**
 * Fires one schedule if it is still due as read; undefined when another ticker (or a change by
 * its owner) got there first.
 */
async function fireOne(schedule: DueSchedule, now: Date): Promise<FiredSchedule | undefined> {
  let next: Date | null;
  try {
    next = nextRun(parseCron(schedule.cron), now);
  } catch (error) {
    if (!(error instanceof CronError)) throw error;
    next = null;
  }
  const base = { scheduleId: schedule.id, vdc: schedule.vdc.name, kind: schedule.kind };
  if (next === null) {
    // Only a timetable stored past its checks gets here: switched off and said so, once.
    const won = await getPrisma().schedule.updateMany({
      where: { id: schedule.id, enabled: true, nextRunAt: schedule.nextRunAt },
      data: { enabled: false, nextRunAt: null, lastRunAt: now, lastResult: `refused: cron "${schedule.cron}" never fires again; disabled` },
    });
    return won.count === 1 ? { ...base, result: 'refused: its cron never fires again; disabled' } : undefined;
  }

  const { result, operation } = await decide(schedule);
  const won = await getPrisma().$transaction(async (tx) => {
    const claimed = await tx.schedule.updateMany({
      where: { id: schedule.id, enabled: true, nextRunAt: schedule.nextRunAt },
      data: { nextRunAt: next, lastRunAt: now, lastResult: result, ...(operation ? { lastOperationId: operation.id } : {}) },
    });
    if (claimed.count !== 1) return false;
    if (operation) await tx.operation.create({ data: operation });
    return true;
  });
  if (!won) return undefined;
  if (operation) await enqueueWritten(operation.id);
  await auditScheduleRun(schedule, result, operation?.id as string | undefined);
  return { ...base, result, ...(operation ? { operationId: operation.id as string } : {}) };
}

export interface FireOptions {
  /** Schedules looked at per call; the rest wait for the next tick. */
  limit?: number;
  log?: (line: string) => void;
}

/** Fires every enabled schedule whose next run is at or before `now`; returns the runs this call won. */
export async function fireDueSchedules(now: Date = new Date(), options: FireOptions = {}): Promise<FiredSchedule[]> {
  const due = await getPrisma().schedule.findMany({
    where: { enabled: true, nextRunAt: { lte: now } },
    orderBy: { nextRunAt: 'asc' },
    take: options.limit ?? 100,
    include: { vdc: { include: { owner: { select: { id: true, email: true, name: true } } } } },
  });
  const fired: FiredSchedule[] = [];
  for (const schedule of due) {
    try {
      const outcome = await fireOne(schedule as DueSchedule, now);
      if (outcome) fired.push(outcome);
    } catch (error) {
      // Left due: the next tick tries again (e.g. Postgres or Redis was briefly away).
      options.log?.(`schedule ${schedule.id} of ${schedule.vdc.name}: ${(error as Error).message}`);
    }
  }
  return fired;
}
