// Which snapshots a snapshot schedule lets go after it took one: its own ready snapshots beyond
// the newest `keep`. Never a manual one (or another schedule's), never one a queued or running
// restore or clone of the VDC names.
import { getPrisma, type Snapshot } from '@colo/db';

export async function prunableSnapshots(vdcId: string, scheduleId: string): Promise<Snapshot[]> {
  const prisma = getPrisma();
  const schedule = await prisma.schedule.findUnique({ where: { id: scheduleId } });
  // A schedule deleted meanwhile keeps what it took: the user deletes those by hand.
  if (!schedule || schedule.vdcId !== vdcId || schedule.kind !== 'snapshot' || !schedule.keep) return [];
  const taken = await prisma.snapshot.findMany({ where: { vdcId, scheduleId, status: 'ready' }, orderBy: { number: 'desc' } });
  const beyond = taken.slice(schedule.keep);
  if (beyond.length === 0) return [];
  const pending = await prisma.operation.findMany({
    where: { vdcId, kind: { in: ['restore', 'clone'] }, status: { in: ['queued', 'running'] } },
    select: { params: true },
  });
  const inUse = new Set(pending.map((op) => (op.params as { snapshot?: unknown } | null)?.snapshot).filter((n) => typeof n === 'number'));
  return beyond.filter((s) => !inUse.has(s.number));
}
