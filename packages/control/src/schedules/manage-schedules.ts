// A VDC's schedules as its owner sees and changes them. Every refusal names the field and
// changes nothing; the next run is computed here whenever the timetable or the switch changes.
import { scheduleCreateBody, scheduleUpdateBody } from '@colo/api';
import { getPrisma, type Schedule } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { CronError, nextRun, parseCron } from './cron';
import { type ScheduleView, scheduleViews } from './schedule-views';

/** At most this many schedules per VDC: a timetable, not a job system. */
export const MAX_SCHEDULES_PER_VDC = 20;
export const MAX_KEEP = 1000;

/** The contract's shapes (@colo/api), and what only control can judge: the cron expression itself. */
function checkCron(text: string | undefined, ctx: z.RefinementCtx): void {
  if (text === undefined) return;
  try {
    parseCron(text);
  } catch (error) {
    if (!(error instanceof CronError)) throw error;
    ctx.addIssue({ code: 'custom', path: ['cron'], message: error.message });
  }
}

export const scheduleCreateSchema = scheduleCreateBody.superRefine((body, ctx) => {
  checkCron(body.cron, ctx);
  if (body.kind === 'snapshot' && body.keep === undefined) ctx.addIssue({ code: 'custom', path: ['keep'], message: 'is required for a snapshot schedule: how many of its snapshots to keep' });
  if (body.kind !== 'snapshot' && body.keep !== undefined) ctx.addIssue({ code: 'custom', path: ['keep'], message: `applies to snapshot schedules only, not ${body.kind}` });
});

export const scheduleUpdateSchema = scheduleUpdateBody.superRefine((body, ctx) => checkCron(body.cron, ctx));

export type ScheduleCreate = z.input<typeof scheduleCreateSchema>;
export type ScheduleUpdate = z.input<typeof scheduleUpdateSchema>;

/** The next run from now, or null while disabled. */
function nextRunFor(cron: string, enabled: boolean, now: Date): Date | null {
  return enabled ? nextRun(parseCron(cron), now) : null;
}

export async function listSchedules(user: AuthUser, vdcName: string): Promise<ScheduleView[]> {
  const vdc = await findOwnedVdc(user, vdcName);
  const rows = await getPrisma().schedule.findMany({ where: { vdcId: vdc.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return scheduleViews(rows, vdc.name);
}

export async function createSchedule(user: AuthUser, vdcName: string, input: unknown, now = new Date()): Promise<ScheduleView> {
  // The VDC first: another user's VDC is not found, whatever the body says.
  const vdc = await findOwnedVdc(user, vdcName);
  const body = parseInput(scheduleCreateSchema, input);
  const cron = body.cron.trim();
  const prisma = getPrisma();
  const existing = await prisma.schedule.findMany({ where: { vdcId: vdc.id } });
  const same = existing.find((s) => s.kind === body.kind && s.cron === cron);
  if (same) throw new ColoError('name_taken', `cron: VDC "${vdc.name}" already has a ${body.kind} schedule at "${cron}" (${same.id}); change or remove that one`);
  if (existing.length >= MAX_SCHEDULES_PER_VDC) throw new ColoError('bad_request', `VDC "${vdc.name}" has ${existing.length} schedules, the most it may have; remove one first`);
  const enabled = body.enabled ?? true;
  const row = await prisma.schedule.create({
    data: { id: newId('sch'), vdcId: vdc.id, kind: body.kind, cron, keep: body.keep ?? null, enabled, nextRunAt: nextRunFor(cron, enabled, now) },
  });
  return (await scheduleViews([row], vdc.name))[0];
}

async function findSchedule(user: AuthUser, vdcName: string, id: string): Promise<{ schedule: Schedule; vdcName: string }> {
  const vdc = await findOwnedVdc(user, vdcName);
  const schedule = await getPrisma().schedule.findFirst({ where: { id, vdcId: vdc.id } });
  if (!schedule) throw new ColoError('not_found', `VDC "${vdc.name}" has no schedule "${id}"`);
  return { schedule, vdcName: vdc.name };
}

/** Changes the timetable, what it keeps, or switches it on or off; the next run is computed anew. */
export async function updateSchedule(user: AuthUser, vdcName: string, id: string, input: unknown, now = new Date()): Promise<ScheduleView> {
  const { schedule, vdcName: name } = await findSchedule(user, vdcName, id);
  const body = parseInput(scheduleUpdateSchema, input);
  if (body.keep !== undefined && schedule.kind !== 'snapshot') throw new ColoError('bad_request', `keep: applies to snapshot schedules only, not ${schedule.kind}`);
  const cron = body.cron?.trim() ?? schedule.cron;
  const enabled = body.enabled ?? schedule.enabled;
  const retimed = cron !== schedule.cron || enabled !== schedule.enabled;
  const row = await getPrisma().schedule.update({
    where: { id: schedule.id },
    data: { cron, enabled, keep: body.keep ?? schedule.keep, ...(retimed ? { nextRunAt: nextRunFor(cron, enabled, now) } : {}) },
  });
  return (await scheduleViews([row], name))[0];
}

/** Removes a schedule; the snapshots it took stay (they are no longer pruned). */
export async function deleteSchedule(user: AuthUser, vdcName: string, id: string): Promise<ScheduleView> {
  const { schedule, vdcName: name } = await findSchedule(user, vdcName, id);
  const view = (await scheduleViews([schedule], name))[0];
  await getPrisma().schedule.delete({ where: { id: schedule.id } });
  return view;
}
