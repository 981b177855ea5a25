// Whether an exposed appliance can answer an entry switched to it: one Docker API call (its
// replicas' state and health), no exec, so a switch can ask it a few times a second.
import { type VdcScope, LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';

export interface Serving {
  /** Replicas running and passing their health check (or running, when the class has none). */
  ready: number;
  /** Replicas that exist and are not standby. */
  total: number;
}

export async function servingReplicas(runtime: Runtime, scope: VdcScope, appliance: string): Promise<Serving> {
  const containers = await runtime.listContainers([
    `${LABEL.managed}=true`,
    `${LABEL.instance}=${scope.instance}`,
    `${LABEL.vdc}=${scope.vdcId}`,
    `${LABEL.appliance}=${appliance}`,
  ]);
  // The VDC's own listeners carry the appliance they publish too: only its replicas count.
  const replicas = containers.filter((c) => c.labels[LABEL.role] !== 'edge' && !c.labels[LABEL.operation] && c.labels[LABEL.standby] !== 'true');
  const ready = replicas.filter((c) => c.state === 'running' && (c.health === 'healthy' || c.health === 'none')).length;
  return { ready, total: replicas.length };
}
