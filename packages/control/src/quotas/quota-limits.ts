// A team's limits: what an admin set for it (TeamQuota), else the installation's default
// from the environment (COLO_QUOTA_APPLIANCES, _CONTAINERS, _CPU, _MEMORY, _HOST_PORTS).
import { getPrisma, type TeamQuota } from '@colo/db';
import { controlEnv } from '../config';
import type { QuotaAmounts } from './quota-amounts';

/** What an admin set; null means "the default". */
export type QuotaOverrides = { [K in keyof QuotaAmounts]: number | null };

export function defaultLimits(): QuotaAmounts {
  const env = controlEnv();
  return {
    appliances: env.COLO_QUOTA_APPLIANCES,
    containers: env.COLO_QUOTA_CONTAINERS,
    cpu: env.COLO_QUOTA_CPU,
    memory: env.COLO_QUOTA_MEMORY,
    hostPorts: env.COLO_QUOTA_HOST_PORTS,
  };
}

export function overridesOf(row: TeamQuota | null): QuotaOverrides {
  return {
    appliances: row?.appliances ?? null,
    containers: row?.containers ?? null,
    cpu: row?.cpu ?? null,
    memory: row?.memoryBytes == null ? null : Number(row.memoryBytes),
    hostPorts: row?.hostPorts ?? null,
  };
}

export function effectiveLimits(overrides: QuotaOverrides): QuotaAmounts {
  const d = defaultLimits();
  return {
    appliances: overrides.appliances ?? d.appliances,
    containers: overrides.containers ?? d.containers,
    cpu: overrides.cpu ?? d.cpu,
    memory: overrides.memory ?? d.memory,
    hostPorts: overrides.hostPorts ?? d.hostPorts,
  };
}

export async function quotaOverrides(teamId: string): Promise<QuotaOverrides> {
  return overridesOf(await getPrisma().teamQuota.findUnique({ where: { teamId } }));
}

export async function quotaLimits(teamId: string): Promise<QuotaAmounts> {
  return effectiveLimits(await quotaOverrides(teamId));
}
