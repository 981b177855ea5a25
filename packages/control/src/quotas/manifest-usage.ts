// What one manifest takes from its owner's quota, appliance by appliance, with every class
// default applied. Reads a manifest that may be broken (the validator reports what is wrong);
// a value it cannot read counts as the class default.
import { type Catalog, MEMORY_PATTERN, parseMemory } from '@colo/manifest';
import { type QuotaAmounts, roundCpu, zeroAmounts } from './quota-amounts';

export interface ApplianceUsage {
  /** Index in `appliances`, for issue paths. */
  index: number;
  containers: number;
  cpu: number;
  memory: number;
  /** Indexes in the appliance's `expose` of entries that publish a port. */
  exposeIndexes: number[];
}

export interface ManifestUsage {
  appliances: ApplianceUsage[];
  total: QuotaAmounts;
}

type Raw = Record<string, unknown> | null | undefined;

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function memoryOf(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && MEMORY_PATTERN.test(value)) return parseMemory(value);
  return fallback;
}

export function manifestUsage(value: unknown, catalog: Catalog): ManifestUsage {
  const list = (value as Raw)?.appliances;
  const appliances: ApplianceUsage[] = [];
  const total = zeroAmounts();
  if (!Array.isArray(list)) return { appliances, total };
  list.forEach((item, index) => {
    const a = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const cls = typeof a.class === 'string' ? catalog.get(a.class) : undefined;
    const resources = (typeof a.resources === 'object' && a.resources !== null ? a.resources : {}) as Raw;
    const replicas = Math.floor(count(a.replicas, cls?.replicas.default ?? 1));
    const cpu = count(resources?.cpu, cls?.resources.cpu.default ?? 0);
    const memory = memoryOf(resources?.memory, cls ? parseMemory(cls.resources.memory.default) : 0);
    const exposeIndexes: number[] = [];
    if (Array.isArray(a.expose)) {
      a.expose.forEach((e, j) => {
        if (typeof (e as Raw)?.port === 'number') exposeIndexes.push(j);
      });
    }
    const usage = { index, containers: replicas, cpu: roundCpu(replicas * cpu), memory: replicas * memory, exposeIndexes };
    appliances.push(usage);
    total.appliances += 1;
    total.containers += usage.containers;
    total.cpu = roundCpu(total.cpu + usage.cpu);
    total.memory += usage.memory;
    total.hostPorts += exposeIndexes.length;
  });
  return { appliances, total };
}
