// One evaluation: the causes seen now against the alerts open, under each VDC's rules. A cause
// with no open alert opens one; a pending one that lasted its rule's duration fires; an open
// alert whose cause is gone (or whose rule was switched off) resolves. Safe to run anywhere at
// once (alert-state.ts).
import type { ContainerFailure } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { effectiveRule, waitSeconds } from './alert-rules-effective';
import { rulesByVdc } from './alert-rules';
import { failureAlertKind, failureMessage, observeCauses } from './alert-causes';
import { type Cause, fireIfDue, openAlert, openKeyOf, resolveAlert } from './alert-state';
import { volumeCauses } from './volume-causes';

/** Kinds read from the containers' state. */
const HEALTH_KINDS = new Set(['unhealthy', 'oom']);

export interface Evaluation {
  opened: number;
  fired: number;
  resolved: number;
}

export async function evaluateAlerts(now = new Date()): Promise<Evaluation> {
  const observation = await observeCauses(now);
  const prisma = getPrisma();
  const rules = await rulesByVdc([...observation.vdcs.keys()]);
  const out: Evaluation = { opened: 0, fired: 0, resolved: 0 };
  const present = new Map<string, { cause: Cause; rule: NonNullable<ReturnType<typeof effectiveRule>> }>();
  for (const cause of observation.causes) {
    const rule = effectiveRule(rules.get(cause.vdcId) ?? [], cause.kind, cause.appliance);
    if (rule) present.set(openKeyOf(cause), { cause, rule });
  }
  for (const v of await volumeCauses(observation.vdcs, rules)) present.set(openKeyOf(v.cause), v);
  const open = await prisma.alert.findMany({ where: { openKey: { not: null } } });
  const openKeys = new Set(open.map((a) => a.openKey));
  for (const [key, { cause, rule }] of present) {
    if (openKeys.has(key)) continue;
    const outcome = await openAlert(cause, rule, now);
    if (outcome === 'fired' || outcome === 'pending') out.opened++;
    if (outcome === 'fired') out.fired++;
  }
  for (const alert of open) {
    const seen = present.get(alert.openKey as string);
    if (seen) {
      if (await fireIfDue(alert, seen.rule, seen.cause.message, now)) out.fired++;
      continue;
    }
    // Opened after the look at Docker began (by a failure event): the look cannot judge it.
    if (alert.openedAt >= observation.at) continue;
    // A deploy or start under way recreates and restarts containers: health is judged after it.
    if (HEALTH_KINDS.has(alert.kind) && observation.changing.has(alert.vdcId)) continue;
    if (await resolveAlert(alert, now)) out.resolved++;
  }
  return out;
}

/**
 * A failure the flap guard just recorded, at once rather than at the next evaluation: an alert
 * whose rule does not wait fires now; a waiting one is left for the evaluation to open.
 */
export async function alertOnFailure(failure: Pick<ContainerFailure, 'vdcId' | 'appliance' | 'kind' | 'exitCode' | 'at'> & { detail?: string }): Promise<boolean> {
  const prisma = getPrisma();
  const vdc = await prisma.vdc.findUnique({ where: { id: failure.vdcId }, select: { id: true, name: true } });
  if (!vdc) return false;
  const flagged = await prisma.applianceFlag.findFirst({ where: { vdcId: vdc.id, appliance: failure.appliance, clearedAt: null }, select: { vdcId: true } });
  if (flagged) return false; // the flap guard's own alert says it
  const kind = failureAlertKind(failure.kind);
  const rule = effectiveRule((await rulesByVdc([vdc.id])).get(vdc.id) ?? [], kind, failure.appliance);
  if (!rule) return false;
  const cause: Cause = {
    vdcId: vdc.id, vdcName: vdc.name, kind, subject: failure.appliance, appliance: failure.appliance, since: failure.at, event: true,
    message: failureMessage(vdc.name, failure.appliance, failure.kind, failure.exitCode, failure.detail),
  };
  // Only an alert that fires now is news here; a pending one is the evaluation's to open.
  if (waitSeconds(rule) > 0) return false;
  return (await openAlert(cause, rule)) === 'fired';
}
