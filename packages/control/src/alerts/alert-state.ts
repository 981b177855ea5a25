// An alert's life, written so any number of workers may evaluate at once: an alert opens by an
// insert on its unique `openKey` (a second insert is a no-op), fires and resolves by conditional
// updates (only the worker whose update changed the row queues the messages), and every message
// is one AlertDelivery row, unique per alert, event and target.
import type { AlertChannel, AlertKind } from '@colo/api';
import { getPrisma, type Alert } from '@colo/db';
import { newId } from '../ids';
import { type EffectiveRule, waitSeconds } from './alert-rules-effective';

/** Something wrong with a VDC that a rule may alert on. */
export interface Cause {
  vdcId: string;
  vdcName: string;
  kind: AlertKind;
  /** What it is about within its kind: an appliance, an operation kind, a schedule id. */
  subject: string;
  appliance: string | null;
  /** When it began (a failure's time, a flag, an operation's end) or was first seen. */
  since: Date;
  /** The cause and what to do about it, in words. */
  message: string;
  /** A single event (a crash, an OOM kill): once an alert answered it, it opens no second one. */
  event?: boolean;
}

export const openKeyOf = (c: Pick<Cause, 'vdcId' | 'kind' | 'subject'>): string => `${c.vdcId}:${c.kind}:${c.subject}`;

function targetsOf(channels: readonly AlertChannel[]) {
  return channels.map((c) =>
    c.type === 'webhook' ? { channel: 'webhook', target: c.url, format: c.format } : { channel: 'email', target: c.to.join(','), format: null },
  );
}

async function enqueue(alertId: string, event: 'firing' | 'resolved', targets: { channel: string; target: string; format: string | null }[]): Promise<number> {
  if (targets.length === 0) return 0;
  const { count } = await getPrisma().alertDelivery.createMany({
    data: targets.map((t) => ({ id: newId('adl'), alertId, event, ...t })),
    skipDuplicates: true,
  });
  return count;
}

export type OpenOutcome = 'fired' | 'pending' | 'open' | 'answered';

/** Opens an alert for the cause unless one is open (or, for an event, one already answered it). */
export async function openAlert(cause: Cause, rule: EffectiveRule, now = new Date()): Promise<OpenOutcome> {
  const prisma = getPrisma();
  if (cause.event) {
    const answered = await prisma.alert.findFirst({
      where: { vdcId: cause.vdcId, kind: cause.kind, subject: cause.subject, OR: [{ firstSeen: { gte: cause.since } }, { resolvedAt: { gte: cause.since } }] },
      select: { id: true },
    });
    if (answered) return 'answered';
  }
  const wait = waitSeconds(rule);
  const fires = wait === 0 || now.getTime() - cause.since.getTime() >= wait * 1000;
  const id = newId('alr');
  const { count } = await prisma.alert.createMany({
    data: [
      {
        id,
        vdcId: cause.vdcId,
        vdcName: cause.vdcName,
        kind: cause.kind,
        ruleKey: rule.key,
        appliance: cause.appliance,
        subject: cause.subject,
        state: fires ? 'firing' : 'pending',
        message: cause.message,
        openKey: openKeyOf(cause),
        firstSeen: cause.since,
        openedAt: new Date(),
        firedAt: fires ? now : null,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return 'open';
  if (!fires) return 'pending';
  await enqueue(id, 'firing', targetsOf(rule.channels));
  return 'fired';
}

/** A pending alert whose cause lasted its rule's duration fires (once, whoever gets here first). */
export async function fireIfDue(alert: Alert, rule: EffectiveRule, message: string, now = new Date()): Promise<boolean> {
  if (alert.state !== 'pending' || now.getTime() - alert.firstSeen.getTime() < waitSeconds(rule) * 1000) return false;
  const { count } = await getPrisma().alert.updateMany({
    where: { id: alert.id, state: 'pending' },
    data: { state: 'firing', firedAt: now, message, ruleKey: rule.key },
  });
  if (count === 0) return false;
  await enqueue(alert.id, 'firing', targetsOf(rule.channels));
  return true;
}

/**
 * The cause cleared. A firing alert resolves and tells every target its firing was sent to; a
 * pending one never fired, so it is closed without a word (`cleared`).
 */
export async function resolveAlert(alert: Pick<Alert, 'id' | 'state'>, now = new Date()): Promise<boolean> {
  const prisma = getPrisma();
  const cleared = alert.state === 'pending' ? 'cleared' : 'resolved';
  const { count } = await prisma.alert.updateMany({
    where: { id: alert.id, state: alert.state },
    data: { state: cleared, openKey: null, resolvedAt: now },
  });
  if (count === 0 || cleared === 'cleared') return count > 0;
  const fired = await prisma.alertDelivery.findMany({ where: { alertId: alert.id, event: 'firing' }, select: { channel: true, target: true, format: true } });
  await enqueue(alert.id, 'resolved', fired);
  return true;
}
