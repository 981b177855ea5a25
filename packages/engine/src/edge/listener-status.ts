// What each edge listener of a VDC is doing: its state, where it points, and how many of the
// exposed appliance's replicas HAProxy sees up (asked inside the listener, through its socket).
import type { ActualState } from '../actual-state';
import { LABEL } from '../labels';
import type { ContainerState, HealthState, Runtime } from '../runtime/runtime';

export interface ListenerStatus {
  name: string;
  hostIp: string;
  hostPort: number;
  state: ContainerState;
  health: HealthState;
  /** The exposed terminal it serves, from the ingress network it sits on. */
  target?: { appliance: string; terminal: string };
  /** Backends HAProxy has an address for, and how many of them pass its health check. */
  backends?: { up: number; total: number };
}

const STATUS_COMMAND = '/usr/local/bin/colo-edge-status';

export async function listenerStatuses(runtime: Runtime, actual: ActualState, options: { backends: boolean }): Promise<ListenerStatus[]> {
  const ingress = new Map(actual.networks.filter((n) => n.labels[LABEL.role] === 'ingress').map((n) => [n.name, n.labels]));
  return Promise.all(
    actual.listeners.map(async (l): Promise<ListenerStatus> => {
      const published = l.ports[0];
      const targetLabels = l.networks.map((n) => ingress.get(n)).find(Boolean);
      const status: ListenerStatus = {
        name: l.name,
        hostIp: published?.hostIp ?? '',
        hostPort: published?.hostPort ?? Number(l.labels[LABEL.edgePort] ?? 0),
        state: l.state,
        health: l.health,
      };
      if (targetLabels) status.target = { appliance: targetLabels[LABEL.appliance] ?? '', terminal: targetLabels[LABEL.terminal] ?? '' };
      if (options.backends && l.state === 'running') status.backends = await backendsOf(runtime, l.id);
      return status;
    }),
  );
}

/** `up total` printed by the listener's status script; undefined when it cannot be asked. */
async function backendsOf(runtime: Runtime, id: string): Promise<ListenerStatus['backends']> {
  try {
    const res = await runtime.exec(id, [STATUS_COMMAND]);
    const m = /^(\d+) (\d+)\s*$/m.exec(res.output);
    return res.exitCode === 0 && m ? { up: Number(m[1]), total: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}
