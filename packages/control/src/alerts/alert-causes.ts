// What is wrong right now, across every VDC of this installation: one container listing of the
// Docker engine and a few queries per evaluation, turned into causes a rule may alert on.
import type { AlertKind } from '@colo/api';
import { getPrisma } from '@colo/db';
import { type ContainerSummary, describeFailure, type FailureKind, LABEL } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import type { Cause } from './alert-state';
import { explainFailure } from '../failures/explain-failure';

/** A failure this recent still counts: a container it restarted may be coming up. */
export const RECENT_FAILURE_MS = 120_000;
/** A snapshot schedule this late (past its next run) has missed it. */
export const SCHEDULE_GRACE_MS = 10 * 60_000;
/** Failed operations older than this are history, not an alert. */
const OPERATION_HORIZON_MS = 30 * 24 * 3_600_000;

export interface Observation {
  at: Date;
  causes: Cause[];
  /** The VDCs looked at: id → name. */
  vdcs: Map<string, string>;
  /** VDCs an operation is changing: their containers say nothing about health until it ends. */
  changing: Set<string>;
}

export const failureAlertKind = (kind: FailureKind): AlertKind => (kind === 'oom' ? 'oom' : 'unhealthy');

export function failureMessage(vdc: string, appliance: string, kind: FailureKind, exitCode?: number | null, detail?: string | null): string {
  if (kind === 'oom') {
    return `${appliance} of ${vdc} was killed for running out of memory. Docker restarts it; give it more memory (its memory setting) or find what grows.`;
  }
  const what = detail ? `${describeFailure(kind, exitCode)}: ${detail}` : describeFailure(kind, exitCode);
  return `${appliance} of ${vdc} is unhealthy (${what}). Look at its logs and status in Colo, then fix it or deploy it again.`;
}

/** A container that is not doing its job; `afterFailure`: the appliance failed lately, so coming up counts too. */
function troubled(c: ContainerSummary, afterFailure: boolean): string | undefined {
  if (c.state === 'restarting' || c.state === 'dead') return c.state;
  if (c.state === 'running' && c.health === 'unhealthy') return 'health check failing';
  if (afterFailure && c.state === 'exited') return 'exited';
  if (afterFailure && c.state === 'running' && c.health === 'starting') return 'coming back up';
  return undefined;
}

export async function observeCauses(now = new Date()): Promise<Observation> {
  const prisma = getPrisma();
  const vdcRows = await prisma.vdc.findMany({ where: { state: { not: 'destroyed' } }, select: { id: true, name: true, state: true, activeOperationId: true, dockerKey: true } });
  const vdcs = new Map(vdcRows.map((v) => [v.id, v.name]));
  const at = new Date();
  const [containers, flags, failures, operations, schedules] = await Promise.all([
    getRuntime().listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`]),
    prisma.applianceFlag.findMany({ where: { clearedAt: null } }),
    prisma.applianceFailure.findMany({ where: { at: { gt: new Date(now.getTime() - RECENT_FAILURE_MS) } }, orderBy: { at: 'asc' } }),
    prisma.$queryRaw<{ vdcId: string; id: string; kind: string; status: string; error: string | null; errorCode: string | null; finishedAt: Date }[]>`
      SELECT DISTINCT ON ("vdcId", "kind") "vdcId", "id", "kind"::text AS "kind", "status"::text AS "status", "error", "errorCode", "finishedAt"
      FROM "Operation"
      WHERE "status" IN ('succeeded', 'failed') AND "finishedAt" > ${new Date(now.getTime() - OPERATION_HORIZON_MS)}
      ORDER BY "vdcId", "kind", "finishedAt" DESC`,
    prisma.schedule.findMany({ where: { kind: 'snapshot', enabled: true } }),
  ]);
  const causes: Cause[] = [];
  const flagged = new Set(flags.map((f) => `${f.vdcId}/${f.appliance}`));
  const failedLately = new Map(failures.map((f) => [`${f.vdcId}/${f.appliance}`, f]));

  for (const f of flags) {
    const vdc = vdcs.get(f.vdcId);
    if (!vdc) continue;
    causes.push({
      vdcId: f.vdcId, vdcName: vdc, kind: 'flap_guard', subject: f.appliance, appliance: f.appliance, since: f.flaggedAt,
      message: `${f.appliance} of ${vdc} was stopped by the flap guard: ${f.reason}. Fix the cause, then deploy or start it to run it again.`,
    });
  }

  // Appliances with a container in trouble; a VDC being changed by an operation is left alone.
  const busy = new Set(vdcRows.filter((v) => v.activeOperationId || v.state !== 'running').map((v) => v.id));
  const trouble = new Map<string, { vdcId: string; appliance: string; what: string }>();
  for (const c of containers) {
    const vdcId = c.labels[LABEL.vdc];
    const appliance = c.labels[LABEL.appliance];
    if (!vdcId || !appliance || c.labels[LABEL.role] || busy.has(vdcId)) continue;
    const key = `${vdcId}/${appliance}`;
    if (flagged.has(key) || trouble.has(key)) continue;
    const what = troubled(c, failedLately.has(key));
    if (what) trouble.set(key, { vdcId, appliance, what });
  }
  const justFailed = (f: { at: Date }) => f.at.getTime() > at.getTime() - 1000;
  for (const [key, f] of failedLately) {
    const vdc = vdcs.get(f.vdcId);
    if (!vdc || flagged.has(key) || busy.has(f.vdcId)) continue;
    // A failure newer than the container listing may not show in it yet.
    if (!trouble.has(key) && !justFailed(f)) continue;
    const kind = failureAlertKind(f.kind);
    causes.push({
      vdcId: f.vdcId, vdcName: vdc, kind, subject: f.appliance, appliance: f.appliance, since: f.at, event: true,
      message: failureMessage(vdc, f.appliance, f.kind, f.exitCode, f.detail),
    });
    // An OOM kill is also the appliance down for as long as it is.
    if (kind === 'oom' && trouble.has(key)) trouble.delete(key);
  }
  for (const [key, t] of trouble) {
    const vdc = vdcs.get(t.vdcId) as string;
    if (failedLately.has(key) && failureAlertKind(failedLately.get(key)?.kind ?? 'exited') === 'unhealthy') continue;
    causes.push({
      vdcId: t.vdcId, vdcName: vdc, kind: 'unhealthy', subject: t.appliance, appliance: t.appliance, since: at,
      message: failureMessage(vdc, t.appliance, 'unhealthy', null, t.what),
    });
  }

  const dockerKeys = new Map(vdcRows.map((v) => [v.id, v.dockerKey]));
  for (const op of operations) {
    const vdc = vdcs.get(op.vdcId);
    if (!vdc || op.status !== 'failed') continue;
    // The failure view's words when the failure is one Colo knows; Docker's own otherwise.
    const explained = explainFailure({ error: op.error, errorCode: op.errorCode, steps: [], dockerKey: dockerKeys.get(op.vdcId) ?? '' });
    const why = explained && explained.class !== 'unknown' ? `${explained.message} ${explained.fix}` : `${op.error ?? 'no reason given'}. Fix the cause and run it again.`;
    causes.push({
      vdcId: op.vdcId, vdcName: vdc, kind: 'operation_failed', subject: op.kind, appliance: null, since: op.finishedAt,
      message: `The last ${op.kind} of ${vdc} failed (${op.id}): ${why} This clears when a ${op.kind} succeeds.`,
    });
  }

  for (const s of schedules) {
    const vdc = vdcs.get(s.vdcId);
    if (!vdc) continue;
    const late = s.nextRunAt && s.nextRunAt.getTime() < now.getTime() - SCHEDULE_GRACE_MS;
    const refused = s.lastResult && !s.lastResult.startsWith('requested');
    if (!late && !refused) continue;
    const why = late ? `was due at ${s.nextRunAt?.toISOString()} and has not run` : `did not take its last snapshot (${s.lastResult})`;
    causes.push({
      vdcId: s.vdcId, vdcName: vdc, kind: 'schedule_missed', subject: s.id, appliance: null, since: (late ? s.nextRunAt : s.lastRunAt) ?? now,
      message: `The snapshot schedule ${s.id} (${s.cron} UTC) of ${vdc} ${why}. Check that a worker runs and the VDC is not busy or stopped.`,
    });
  }
  const changing = new Set(vdcRows.filter((v) => v.activeOperationId).map((v) => v.id));
  return { at, causes, vdcs, changing };
}
