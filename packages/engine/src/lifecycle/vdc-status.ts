// What a VDC is doing now, per appliance and container, read from Docker.
import { readActualState } from '../actual-state';
import { LABEL } from '../labels';
import { containerProblem } from './failure-reasons';
import type { ContainerState, HealthState, Runtime } from '../runtime/runtime';

export interface ContainerStatus {
  id: string;
  name: string;
  replica: number;
  state: ContainerState;
  health: HealthState;
  restarts: number;
  /** What is wrong with it now, in words (failure-reasons.ts): "out of memory", … */
  problem?: string;
  standby: boolean;
  ports: { terminal: string; containerPort: number; hostIp: string; hostPort: number }[];
}

export interface ApplianceStatus {
  name: string;
  class: string;
  containers: ContainerStatus[];
}

export interface VdcStatus {
  vdcId: string;
  appliances: ApplianceStatus[];
  networks: string[];
  volumes: string[];
}

export async function vdcStatus(runtime: Runtime, vdcId: string, options: { instance: string }): Promise<VdcStatus> {
  const actual = await readActualState(runtime, { instance: options.instance, vdcId });
  const appliances = new Map<string, ApplianceStatus>();
  const details = await Promise.all(actual.containers.map((c) => runtime.inspectContainer(c.id)));
  actual.containers.forEach((c, i) => {
    const detail = details[i];
    const terminals = new Map(
      (c.labels[LABEL.expose] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => {
          const [terminal, port] = kv.split('=');
          return [Number(port), terminal] as const;
        }),
    );
    let appliance = appliances.get(c.appliance);
    if (!appliance) {
      appliance = { name: c.appliance, class: c.classId, containers: [] };
      appliances.set(c.appliance, appliance);
    }
    appliance.containers.push({
      id: c.id,
      name: c.name,
      replica: c.replica,
      state: detail?.state ?? c.state,
      health: detail?.health ?? c.health,
      restarts: detail?.restartCount ?? 0,
      ...(detail && containerProblem(detail) ? { problem: containerProblem(detail) } : {}),
      standby: c.standby,
      ports: (detail?.ports ?? c.ports).map((p) => ({ terminal: terminals.get(p.containerPort) ?? '', ...p })),
    });
  });
  return {
    vdcId,
    appliances: [...appliances.values()].sort((a, b) => a.name.localeCompare(b.name)),
    networks: actual.networks.map((n) => n.name).sort(),
    volumes: actual.volumes.map((v) => v.name).sort(),
  };
}
