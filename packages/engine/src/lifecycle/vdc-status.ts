// What a VDC is doing now, per appliance and container, read from Docker.
import { readActualState } from '../actual-state';
import { type ListenerStatus, listenerStatuses } from '../edge/listener-status';
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
  /** One edge listener per published port. */
  edge: ListenerStatus[];
  networks: string[];
  volumes: string[];
}

export interface VdcStatusOptions {
  instance: string;
  /** Ask each edge listener how many backends it sees up (one exec per listener). */
  backends?: boolean;
}

export async function vdcStatus(runtime: Runtime, vdcId: string, options: VdcStatusOptions): Promise<VdcStatus> {
  const actual = await readActualState(runtime, { instance: options.instance, vdcId });
  const appliances = new Map<string, ApplianceStatus>();
  const [details, edge] = await Promise.all([
    Promise.all(actual.containers.map((c) => runtime.inspectContainer(c.id))),
    listenerStatuses(runtime, actual, { backends: options.backends ?? false }),
  ]);
  actual.containers.forEach((c, i) => {
    const detail = details[i];
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
      // Every replica is reachable through its appliance's listeners: the port is the appliance's.
      ports: edge
        .filter((l) => l.target?.appliance === c.appliance)
        .map((l) => ({ terminal: l.target?.terminal ?? '', containerPort: 0, hostIp: l.hostIp, hostPort: l.hostPort })),
    });
  });
  return {
    vdcId,
    appliances: [...appliances.values()].sort((a, b) => a.name.localeCompare(b.name)),
    edge: edge.sort((a, b) => a.hostPort - b.hostPort),
    networks: actual.networks.map((n) => n.name).sort(),
    volumes: actual.volumes.map((v) => v.name).sort(),
  };
}
