// What runs on a node, as the nodes page shows it: per VDC, its appliances with their replicas'
// states; services Colo did not make are counted apart.
import type { ClusterNodeAnswer } from '@colo/api';

type Run = ClusterNodeAnswer['runs'][number];

export interface ApplianceOnNode {
  appliance: string;
  tasks: Run['tasks'];
  pinned: boolean;
}

export interface VdcOnNode {
  /** The VDC's name, or its id when this Colo does not know it (another installation's). */
  vdc: string;
  known: boolean;
  appliances: ApplianceOnNode[];
}

export function runsByVdc(runs: Run[]): { vdcs: VdcOnNode[]; others: string[] } {
  const vdcs = new Map<string, VdcOnNode>();
  const others: string[] = [];
  for (const run of runs) {
    if (!run.colo) {
      others.push(run.service);
      continue;
    }
    const key = run.vdcName ?? run.vdc ?? '?';
    const group = vdcs.get(key) ?? { vdc: key, known: run.vdcName !== undefined, appliances: [] };
    group.appliances.push({ appliance: run.appliance ?? run.service, tasks: run.tasks, pinned: run.pinned });
    vdcs.set(key, group);
  }
  const sorted = [...vdcs.values()].sort((a, b) => a.vdc.localeCompare(b.vdc));
  for (const g of sorted) g.appliances.sort((a, b) => a.appliance.localeCompare(b.appliance));
  return { vdcs: sorted, others: others.sort() };
}

/** `2 CPUs`, `0.5 CPU`. */
export function formatCpus(cpus: number): string {
  const n = Math.round(cpus * 100) / 100;
  return `${n} CPU${n === 1 || n < 1 ? '' : 's'}`;
}
