// Sending queued alert messages: a worker claims due deliveries with a short lock (SKIP LOCKED,
// so two workers never take the same row), sends each, records the attempt, and schedules a
// retry with backoff or gives up after MAX_ATTEMPTS.
import { type Alert, type AlertDelivery, getPrisma } from '@colo/db';
import { controlEnv } from '../config';
import { sendAlertEmail } from './email-delivery';
import { type AlertMessage, postWebhook, type WebhookFormat, webhookBody } from './webhook-delivery';

export const MAX_ATTEMPTS = 8;
/** Seconds before attempt n+1: 5, 15, 45, … capped at 10 minutes. */
export const retryDelaySeconds = (attempts: number): number => Math.min(5 * 3 ** (attempts - 1), 600);
/** How long a claim holds a delivery: longer than a send can take (10 s webhook, 15 s SMTP steps). */
const LOCK_SECONDS = 60;

export function alertUrl(alert: Pick<Alert, 'id'>): string | null {
  const base = controlEnv().COLO_URL;
  return base ? `${base.replace(/\/$/, '')}/alerts?focus=${alert.id}` : null;
}

export function messageOf(alert: Alert, event: 'firing' | 'resolved'): AlertMessage {
  return {
    alert: alert.id,
    kind: alert.kind,
    vdc: alert.vdcName,
    appliance: alert.appliance,
    state: event,
    message: event === 'resolved' ? `Resolved: ${alert.message}` : alert.message,
    url: alertUrl(alert),
    at: (event === 'resolved' ? (alert.resolvedAt ?? new Date()) : (alert.firedAt ?? alert.firstSeen)).toISOString(),
  };
}

export async function sendToChannel(channel: string, target: string, format: string | null, message: AlertMessage): Promise<string> {
  if (channel === 'email') return sendAlertEmail(target.split(','), message);
  return postWebhook(target, webhookBody(message, (format ?? 'generic') as WebhookFormat));
}

async function claim(limit: number): Promise<AlertDelivery[]> {
  return getPrisma().$queryRaw<AlertDelivery[]>`
    UPDATE "AlertDelivery" SET "lockedUntil" = now() + make_interval(secs => ${LOCK_SECONDS}), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT d."id" FROM "AlertDelivery" d
      WHERE d."status" = 'pending' AND d."nextAttemptAt" <= now() AND (d."lockedUntil" IS NULL OR d."lockedUntil" < now())
        -- A resolution waits while its firing is still being retried: never "resolved" before "firing".
        AND NOT (d."event" = 'resolved' AND EXISTS (
          SELECT 1 FROM "AlertDelivery" f
          WHERE f."alertId" = d."alertId" AND f."channel" = d."channel" AND f."target" = d."target" AND f."event" = 'firing' AND f."status" = 'pending'))
      ORDER BY d."createdAt"
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING *`;
}

/** Sends what is due; returns how many were sent and how many failed this round. */
export async function deliverDueAlerts(options: { limit?: number; log?: (line: string) => void } = {}): Promise<{ sent: number; failed: number }> {
  const prisma = getPrisma();
  const due = await claim(options.limit ?? 20);
  let sent = 0;
  let failed = 0;
  // Oldest first.
  due.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const d of due) {
    const alert = await prisma.alert.findUnique({ where: { id: d.alertId } });
    if (!alert) {
      await prisma.alertDelivery.update({ where: { id: d.id }, data: { status: 'failed', lastError: 'the alert is gone', lockedUntil: null } });
      continue;
    }
    try {
      const detail = await sendToChannel(d.channel, d.target, d.format, messageOf(alert, d.event as 'firing' | 'resolved'));
      await prisma.$transaction([
        prisma.alertDeliveryAttempt.create({ data: { deliveryId: d.id, ok: true, detail: detail.slice(0, 500) } }),
        prisma.alertDelivery.update({ where: { id: d.id }, data: { status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null } }),
      ]);
      sent++;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const giveUp = d.attempts >= MAX_ATTEMPTS;
      await prisma.$transaction([
        prisma.alertDeliveryAttempt.create({ data: { deliveryId: d.id, ok: false, detail: message } }),
        prisma.alertDelivery.update({
          where: { id: d.id },
          data: {
            status: giveUp ? 'failed' : 'pending',
            lastError: message,
            lockedUntil: null,
            nextAttemptAt: new Date(Date.now() + retryDelaySeconds(d.attempts) * 1000),
          },
        }),
      ]);
      options.log?.(`alert ${alert.id}: ${d.channel} delivery failed (attempt ${d.attempts}${giveUp ? ', giving up' : ''}): ${message}`);
      failed++;
    }
  }
  return { sent, failed };
}
