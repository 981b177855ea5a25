// The overview: every VDC of the caller's teams with its state, health, what it uses now and its
// firing alerts, the recent alerts, and each team's quota use — the first page after sign-in.
import type { AuthUser } from '../auth/api-tokens';
import { listAlerts, type AlertView } from '../alerts/read-alerts';
import { currentUsage, type CurrentUsage } from '../metrics/current-usage';
import { quotaOf } from '../quotas/user-quota';
import type { QuotaAmounts } from '../quotas/quota-amounts';
import { listTeams } from '../teams/manage-teams';
import { listVdcs } from '../vdcs/read-vdcs';
import type { VdcListItem } from '../vdcs/vdc-views';
import { type VdcHealth, vdcHealth } from './vdc-health';

export interface OverviewVdc extends VdcListItem {
  /** Null when Docker could not be asked. */
  health: VdcHealth | null;
  /** What it uses now (the newest metrics sample of each replica); null: nothing running was sampled. */
  usage: CurrentUsage | null;
  firingAlerts: number;
}

export interface OverviewTeam {
  slug: string;
  name: string;
  personal: boolean;
  role: string;
  vdcs: number;
  quota: { limits: QuotaAmounts; usage: QuotaAmounts };
}

export interface Overview {
  vdcs: OverviewVdc[];
  teams: OverviewTeam[];
  /** Firing alerts first, then the newest resolved ones (at most 10). */
  alerts: AlertView[];
  totals: { vdcs: number; running: number; unhealthy: number; firingAlerts: number; cpu: number; memoryUsed: number };
  dockerReachable: boolean;
}

const RECENT_ALERTS = 10;

export async function overviewFor(user: AuthUser): Promise<Overview> {
  const reader = { ...user, right: 'read' as const };
  const [vdcs, teams, alerts] = await Promise.all([listVdcs(reader), listTeams(reader), listAlerts(reader, {})]);
  const ids = vdcs.map((v) => v.id);
  const [health, usage, quotas] = await Promise.all([vdcHealth(ids), currentUsage(ids), Promise.all(teams.map((t) => quotaOf(t.id)))]);
  const firingByVdc = new Map<string, number>();
  for (const a of alerts.alerts) if (a.state === 'firing') firingByVdc.set(a.vdcId, (firingByVdc.get(a.vdcId) ?? 0) + 1);
  const rows: OverviewVdc[] = vdcs.map((v) => ({
    ...v,
    health: health?.get(v.id) ?? null,
    usage: usage.get(v.id) ?? null,
    firingAlerts: firingByVdc.get(v.id) ?? 0,
  }));
  const firing = alerts.alerts.filter((a) => a.state === 'firing');
  return {
    vdcs: rows,
    teams: teams.map((t, i) => ({ slug: t.slug, name: t.name, personal: t.personal, role: t.role, vdcs: t.vdcs, quota: { limits: quotas[i].limits, usage: quotas[i].usage } })),
    alerts: [...firing, ...alerts.alerts.filter((a) => a.state !== 'firing')].slice(0, Math.max(RECENT_ALERTS, firing.length)),
    totals: {
      vdcs: rows.length,
      running: rows.filter((r) => r.state === 'running').length,
      unhealthy: rows.filter((r) => r.health && (r.health.word === 'unhealthy' || r.health.word === 'degraded')).length,
      firingAlerts: firing.length,
      cpu: rows.reduce((s, r) => s + (r.usage?.cpu ?? 0), 0),
      memoryUsed: rows.reduce((s, r) => s + (r.usage?.memoryUsed ?? 0), 0),
    },
    dockerReachable: health !== undefined,
  };
}
