// The notification centre: the alerts of the caller's VDCs, acknowledging one, and a test
// message to a channel so a user knows it reaches before an alert needs it.
import { alertsQuery, alertTestBody } from '@colo/api';
import { type Alert, type AlertDelivery, getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError, parseInput } from '../errors';
import { alertVdcsOf } from './alert-recipients';
import { alertUrl, sendToChannel } from './deliver-alerts';

export interface AlertView {
  id: string;
  vdc: string;
  /** VDC names repeat across teams; the id does not. */
  vdcId: string;
  kind: string;
  appliance: string | null;
  state: string;
  message: string;
  firstSeen: Date;
  firedAt: Date | null;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  deliveries: { event: string; channel: string; target: string; status: string; attempts: number; lastError: string | null; sentAt: Date | null }[];
}

/** A webhook URL shown without its path and query: they often hold the hook's secret. */
function shownTarget(channel: string, target: string): string {
  if (channel !== 'webhook') return target;
  try {
    return `${new URL(target).origin}/…`;
  } catch {
    return 'webhook';
  }
}

/** Alerts shown at most; older resolved ones are history. */
const LIMIT = 200;

function view(a: Alert, vdcs: Map<string, string>, deliveries: AlertDelivery[] = []): AlertView {
  return {
    id: a.id,
    vdc: vdcs.get(a.vdcId) ?? a.vdcName,
    vdcId: a.vdcId,
    kind: a.kind,
    appliance: a.appliance,
    state: a.state,
    message: a.message,
    firstSeen: a.firstSeen,
    firedAt: a.firedAt,
    resolvedAt: a.resolvedAt,
    acknowledgedAt: a.acknowledgedAt,
    deliveries: deliveries
      .filter((d) => d.alertId === a.id)
      .map((d) => ({ event: d.event, channel: d.channel, target: shownTarget(d.channel, d.target), status: d.status, attempts: d.attempts, lastError: d.lastError, sentAt: d.sentAt })),
  };
}

/** Firing first, then newest first. `unread`: firing and not acknowledged (the bell's count). */
export async function listAlerts(user: AuthUser, query: unknown = {}): Promise<{ alerts: AlertView[]; unread: number }> {
  const q = parseInput(alertsQuery, query, 'query');
  const vdcs = await alertVdcsOf(user);
  let ids = [...vdcs.keys()];
  if (q.vdc) ids = ids.filter((id) => vdcs.get(id) === q.vdc);
  const states = q.state === 'firing' ? ['firing'] : q.state === 'resolved' ? ['resolved'] : ['firing', 'resolved'];
  const prisma = getPrisma();
  const [rows, unread] = await Promise.all([
    prisma.alert.findMany({ where: { vdcId: { in: ids }, state: { in: states } }, orderBy: [{ firedAt: 'desc' }, { id: 'asc' }], take: LIMIT }),
    prisma.alert.count({ where: { vdcId: { in: [...vdcs.keys()] }, state: 'firing', acknowledgedAt: null } }),
  ]);
  rows.sort((a, b) => Number(b.state === 'firing') - Number(a.state === 'firing'));
  const deliveries = await prisma.alertDelivery.findMany({ where: { alertId: { in: rows.map((r) => r.id) } }, orderBy: { createdAt: 'asc' } });
  return { alerts: rows.map((a) => view(a, vdcs, deliveries)), unread };
}

export async function acknowledgeAlert(user: AuthUser, id: string): Promise<AlertView> {
  const vdcs = await alertVdcsOf(user);
  const prisma = getPrisma();
  const alert = await prisma.alert.findUnique({ where: { id } });
  if (!alert || !vdcs.has(alert.vdcId) || !['firing', 'resolved'].includes(alert.state)) throw new ColoError('not_found', `no alert ${id}`);
  const updated = alert.acknowledgedAt
    ? alert
    : await prisma.alert.update({ where: { id }, data: { acknowledgedAt: new Date(), acknowledgedById: user.id } });
  return view(updated, vdcs);
}

/** Sends a test message to the channel now; `ok: false` with what went wrong when it did not reach. */
export async function testAlertChannel(user: AuthUser, input: unknown): Promise<{ ok: boolean; detail: string }> {
  const { channel } = parseInput(alertTestBody, input);
  const message = {
    alert: 'test',
    kind: 'test',
    vdc: '(test)',
    appliance: null,
    state: 'test' as const,
    message: `A test message from Colo, sent by ${user.email}: this channel works.`,
    url: alertUrl({ id: 'test' }),
    at: new Date().toISOString(),
  };
  const [type, target, format] = channel.type === 'webhook' ? ['webhook', channel.url, channel.format] : ['email', channel.to.join(','), null];
  try {
    return { ok: true, detail: await sendToChannel(type, target, format, message) };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
