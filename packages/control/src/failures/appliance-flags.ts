// Reading and clearing what the flap guard recorded: status shows it, and a deploy or start of
// a flagged appliance clears its flag (the user asked for it to run again).
import { getPrisma, type Prisma } from '@colo/db';
import { describeFailure } from '@colo/engine';

/** How far back status looks for failures to report. */
export const RECENT_FAILURES_MS = 24 * 3_600_000;

export interface ApplianceFailureSummary {
  /** Set while the guard holds the appliance stopped: why, and since when. */
  flagged?: { reason: string; at: Date };
  /** Failures in the last 24 hours since the flag was last cleared. */
  recentFailures: number;
  lastFailure?: { reason: string; at: Date };
}

/**
 * Clears the flags of a VDC's appliances (one appliance, or all). Returns how many it cleared.
 * Runners pass their fenced transaction, so a run that was overtaken clears nothing.
 */
export async function clearApplianceFlags(vdcId: string, appliance?: string, db: Prisma.TransactionClient = getPrisma()): Promise<number> {
  const { count } = await db.applianceFlag.updateMany({
    where: { vdcId, clearedAt: null, ...(appliance ? { appliance } : {}) },
    data: { clearedAt: new Date() },
  });
  return count;
}

export async function failureSummaries(vdcId: string, now = new Date()): Promise<Map<string, ApplianceFailureSummary>> {
  const prisma = getPrisma();
  const since = new Date(now.getTime() - RECENT_FAILURES_MS);
  const [flags, failures] = await Promise.all([
    prisma.applianceFlag.findMany({ where: { vdcId } }),
    prisma.applianceFailure.findMany({
      where: { vdcId, at: { gt: since } },
      orderBy: { at: 'desc' },
      take: 1000,
      select: { appliance: true, kind: true, exitCode: true, detail: true, at: true },
    }),
  ]);
  const cleared = new Map(flags.filter((f) => f.clearedAt).map((f) => [f.appliance, f.clearedAt as Date]));
  const out = new Map<string, ApplianceFailureSummary>();
  for (const f of flags) {
    if (!f.clearedAt) out.set(f.appliance, { flagged: { reason: f.reason, at: f.flaggedAt }, recentFailures: 0 });
  }
  for (const f of failures) {
    const clearedAt = cleared.get(f.appliance);
    if (clearedAt && f.at <= clearedAt) continue;
    const summary = out.get(f.appliance) ?? { recentFailures: 0 };
    summary.recentFailures++;
    // Newest first: the first one seen is the last failure.
    summary.lastFailure ??= {
      reason: f.detail ? `${describeFailure(f.kind, f.exitCode)}: ${f.detail}` : describeFailure(f.kind, f.exitCode),
      at: f.at,
    };
    out.set(f.appliance, summary);
  }
  return out;
}
