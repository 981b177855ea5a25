// The five things a user's quota counts, and how a person reads each of them.
export interface QuotaAmounts {
  appliances: number;
  /** Sum of replicas, standby included. */
  containers: number;
  /** Sum of replicas × resources.cpu. */
  cpu: number;
  /** Bytes: sum of replicas × resources.memory. */
  memory: number;
  /** Number of expose entries. */
  hostPorts: number;
}

export type QuotaKind = keyof QuotaAmounts;

export const QUOTA_KINDS: readonly QuotaKind[] = ['appliances', 'containers', 'cpu', 'memory', 'hostPorts'];

export const zeroAmounts = (): QuotaAmounts => ({ appliances: 0, containers: 0, cpu: 0, memory: 0, hostPorts: 0 });

export function addAmounts(a: QuotaAmounts, b: QuotaAmounts): QuotaAmounts {
  return {
    appliances: a.appliances + b.appliances,
    containers: a.containers + b.containers,
    cpu: roundCpu(a.cpu + b.cpu),
    memory: a.memory + b.memory,
    hostPorts: a.hostPorts + b.hostPorts,
  };
}

/** CPU sums of decimals (0.1 + 0.2) are kept to a thousandth, as a person writes them. */
export function roundCpu(cpu: number): number {
  return Math.round(cpu * 1000) / 1000;
}

const UNITS: [string, number][] = [
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** `8Gi`, `1.5Gi`, `256Mi`, or bytes. */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of UNITS) {
    if (bytes >= size) return `${Math.round((bytes / size) * 100) / 100}${unit}`;
  }
  return String(bytes);
}

/** `34 containers`, `2.5 CPUs`, `9Gi memory`, `3 host ports`. */
export function formatAmount(kind: QuotaKind, value: number): string {
  switch (kind) {
    case 'memory':
      return formatMemory(value);
    case 'cpu':
      return String(roundCpu(value));
    default:
      return String(value);
  }
}

export const KIND_NOUN: Record<QuotaKind, string> = {
  appliances: 'appliances',
  containers: 'containers',
  cpu: 'CPUs',
  memory: 'memory',
  hostPorts: 'host ports',
};
