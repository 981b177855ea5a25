// How each VDC's containers are doing, from one Docker list of this installation's containers
// (not one status call per VDC): the overview shows every VDC of a user's teams at once. On a
// swarm, one list of services and tasks adds the replicas of every node (a task's container on
// the manager is counted there, not twice).
import { LABEL, type SwarmReplicaHealth, swarmReplicaHealth } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { getSwarmEngine, onSwarmManager, SWARM_TASK_LABEL } from '../docker/engine-mode';

export type HealthWord = 'healthy' | 'degraded' | 'unhealthy' | 'starting' | 'stopped' | 'none';

export interface VdcHealth {
  /** Appliance containers (edge listeners and tools aside). */
  containers: number;
  running: number;
  healthy: number;
  unhealthy: number;
  word: HealthWord;
}

export function healthWord(h: Omit<VdcHealth, 'word'>, starting: number): HealthWord {
  if (h.containers === 0) return 'none';
  if (h.running === 0) return 'stopped';
  if (h.unhealthy > 0 || h.running < h.containers) return h.healthy + starting > 0 ? 'degraded' : 'unhealthy';
  return starting > 0 ? 'starting' : 'healthy';
}

/** Health per VDC id; `undefined` when Docker could not be asked. */
export async function vdcHealth(vdcIds: string[]): Promise<Map<string, VdcHealth> | undefined> {
  const wanted = new Set(vdcIds);
  const { instance } = engineConfig();
  let containers: Awaited<ReturnType<ReturnType<typeof getRuntime>['listContainers']>>;
  let replicas: SwarmReplicaHealth[];
  try {
    [containers, replicas] = await Promise.all([getRuntime().listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`]), swarmReplicas(instance)]);
  } catch {
    return undefined;
  }
  const counts = new Map<string, Omit<VdcHealth, 'word'> & { starting: number }>();
  const count = (vdcId: string, running: boolean, health: string) => {
    const n = counts.get(vdcId) ?? { containers: 0, running: 0, healthy: 0, unhealthy: 0, starting: 0 };
    n.containers += 1;
    if (running) {
      n.running += 1;
      if (health === 'healthy' || health === 'none') n.healthy += 1;
      else if (health === 'unhealthy') n.unhealthy += 1;
      else n.starting += 1;
    }
    counts.set(vdcId, n);
  };
  for (const c of containers) {
    const vdcId = c.labels[LABEL.vdc];
    if (!vdcId || !wanted.has(vdcId) || !c.labels[LABEL.appliance] || !c.labels[LABEL.replica] || c.labels[SWARM_TASK_LABEL]) continue;
    // A standby replica is meant to wait, not run: it says nothing of health.
    if (c.labels[LABEL.standby] === 'true' && c.state !== 'running') continue;
    count(vdcId, c.state === 'running', c.health);
  }
  for (const r of replicas) if (wanted.has(r.vdcId)) count(r.vdcId, r.state !== 'down', r.state);
  const out = new Map<string, VdcHealth>();
  for (const id of vdcIds) {
    const { starting, ...n } = counts.get(id) ?? { containers: 0, running: 0, healthy: 0, unhealthy: 0, starting: 0 };
    out.set(id, { ...n, word: healthWord(n, starting) });
  }
  return out;
}

/** The swarm's appliance replicas, when Colo's engine is a swarm manager (else none). */
async function swarmReplicas(instance: string): Promise<SwarmReplicaHealth[]> {
  return (await onSwarmManager()) ? swarmReplicaHealth(getSwarmEngine().api, instance) : [];
}
