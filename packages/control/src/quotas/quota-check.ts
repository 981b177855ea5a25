// Quotas at validation: each limit the manifest would cross is one issue, put on the appliance
// (and field) where the running total first goes over, e.g.
// `appliances[2].replicas: quota exceeded: 34 of 32 containers (your other VDCs use 30)`; a team's
// quota counts every VDC of the team, so "your" means the team's there.
import type { Catalog, Issue } from '@colo/manifest';
import { type ApplianceUsage, manifestUsage } from './manifest-usage';
import { formatAmount, KIND_NOUN, type QuotaAmounts, type QuotaKind, QUOTA_KINDS, roundCpu } from './quota-amounts';
import { quotaLimits } from './quota-limits';
import { vdcsUsage } from './quota-usage';

function exceeded(kind: QuotaKind, total: number, limit: number, others: number): string {
  const of = `${formatAmount(kind, total)} of ${formatAmount(kind, limit)} ${KIND_NOUN[kind]}`;
  return `quota exceeded: ${of}${others > 0 ? ` (your other VDCs use ${formatAmount(kind, others)})` : ''}`;
}

/** Each appliance's share of one kind, and the path an issue about it points at. */
function shares(kind: QuotaKind, a: ApplianceUsage): { amount: number; path: string }[] {
  const base = `appliances[${a.index}]`;
  switch (kind) {
    case 'appliances':
      return [{ amount: 1, path: base }];
    case 'containers':
      return [{ amount: a.containers, path: `${base}.replicas` }];
    case 'cpu':
      return [{ amount: a.cpu, path: `${base}.resources.cpu` }];
    case 'memory':
      return [{ amount: a.memory, path: `${base}.resources.memory` }];
    case 'hostPorts':
      return a.exposeIndexes.map((j) => ({ amount: 1, path: `${base}.expose[${j}].port` }));
  }
}

/** Pure: the issues for a manifest's usage given the limits and what the user's other VDCs use. */
export function quotaIssuesFor(appliances: ApplianceUsage[], total: QuotaAmounts, limits: QuotaAmounts, others: QuotaAmounts): Issue[] {
  const issues: Issue[] = [];
  for (const kind of QUOTA_KINDS) {
    const sum = kind === 'cpu' ? roundCpu(others.cpu + total.cpu) : others[kind] + total[kind];
    if (sum <= limits[kind]) continue;
    let running = others[kind];
    let path = 'appliances';
    for (const share of appliances.flatMap((a) => shares(kind, a))) {
      running = kind === 'cpu' ? roundCpu(running + share.amount) : running + share.amount;
      if (running > limits[kind]) {
        path = share.path;
        break;
      }
    }
    issues.push({ path, message: exceeded(kind, sum, limits[kind], others[kind]), severity: 'error' });
  }
  return issues;
}

/** The quota issues of `value` for the team that owns it, counting its other VDCs but not `exceptVdcId`. */
export async function quotaIssues(teamId: string, value: unknown, catalog: Catalog, exceptVdcId?: string): Promise<Issue[]> {
  const { appliances, total } = manifestUsage(value, catalog);
  if (appliances.length === 0) return [];
  const [limits, others] = await Promise.all([quotaLimits(teamId), vdcsUsage(teamId, catalog, exceptVdcId)]);
  return quotaIssuesFor(appliances, total, limits, others);
}
