// Where a VDC runs, decided in this one place: on the swarm when Colo's Docker endpoint is an
// active swarm manager, else on the single host as always. A VDC that already runs as
// single-host containers keeps that mode until it is destroyed (never half one, half the other).
// Also the swarm's per-node access (NodeAccess), a factory set by configuration: the node agent
// in production, each node's own Docker API on a private test network.
import { createSwarmEngine, directNodeAccess, directNodeEngines, isSwarmManager, type NodeAccess, type NodeEngine, SHARE_LABEL, type SwarmEngine, vdcLabelFilter } from '@colo/engine';
import type { Vdc } from '@colo/db';
import { controlEnv } from '../config';
import { ColoError } from '../errors';
import { engineConfig, getRuntime } from './engine-access';

export type EngineMode = 'single' | 'swarm';

export interface VdcEngineMode {
  mode: EngineMode;
  /** Said in the plan: why this VDC is not where new ones go. */
  note?: string;
}

const holder = globalThis as typeof globalThis & {
  __coloSwarmEngine?: SwarmEngine;
  __coloNodeAccess?: () => NodeAccess;
  __coloNodeEngine?: (nodeId: string) => Promise<NodeEngine>;
};

export function getSwarmEngine(): SwarmEngine {
  if (!holder.__coloSwarmEngine) {
    // getRuntime checks DOCKER_HOST once and names it when malformed; dockerode reads it the same way.
    getRuntime();
    holder.__coloSwarmEngine = createSwarmEngine();
  }
  return holder.__coloSwarmEngine;
}

export function setSwarmEngine(engine: SwarmEngine | undefined): void {
  holder.__coloSwarmEngine = engine;
}

/** Whether Colo's engine is an active swarm manager; false when it cannot be asked. */
export async function onSwarmManager(): Promise<boolean> {
  return isSwarmManager(getSwarmEngine().api).catch(() => false);
}

/** The node agent plugs in here (undefined: back to what the configuration says). */
export function setNodeAccessFactory(factory: (() => NodeAccess) | undefined): void {
  holder.__coloNodeAccess = factory;
}

/** Per-node access on the swarm; refused in words when nothing provides it. */
export function nodeAccess(doing: string): NodeAccess {
  if (holder.__coloNodeAccess) return holder.__coloNodeAccess();
  const port = controlEnv().COLO_SWARM_NODE_DOCKER_PORT;
  if (port !== undefined) return directNodeAccess(port);
  throw new ColoError('bad_request', `cannot ${doing}: it needs Colo's node agent on every node of the swarm, and none is configured`);
}

/** The node agent plugs in here too: one node's engine by node id (undefined: the configuration's). */
export function setNodeEngineFactory(factory: ((nodeId: string) => Promise<NodeEngine>) | undefined): void {
  holder.__coloNodeEngine = factory;
}

/** One node's engine (volume tools, archives, exec) on the swarm; refused in words when nothing provides it. */
export async function nodeEngine(nodeId: string, doing: string): Promise<NodeEngine> {
  if (holder.__coloNodeEngine) return holder.__coloNodeEngine(nodeId);
  const port = controlEnv().COLO_SWARM_NODE_DOCKER_PORT;
  if (port !== undefined) {
    holder.__coloNodeEngine = directNodeEngines(port);
    return holder.__coloNodeEngine(nodeId);
  }
  throw new ColoError('bad_request', `cannot ${doing}: it needs Colo's node agent on every node of the swarm, and none is configured`);
}

/** Swarm tasks are containers too (on the manager): they carry this label, a plain container never. */
export const SWARM_TASK_LABEL = 'com.docker.swarm.task.id';

/** Where `vdc` is deployed, stopped, started, destroyed and read. */
export async function vdcEngineMode(vdc: Pick<Vdc, 'id'>): Promise<VdcEngineMode> {
  const { api } = getSwarmEngine();
  if (!(await isSwarmManager(api))) return { mode: 'single' };
  const scope = { instance: engineConfig().instance, vdcId: vdc.id };
  if ((await api.listServices(vdcLabelFilter(scope))).length > 0) return { mode: 'swarm' };
  const containers = await getRuntime().listContainers(vdcLabelFilter(scope));
  // A share's mounter on the manager is a plain container with the VDC's labels: the swarm's.
  const plain = containers.filter((c) => !c.labels[SWARM_TASK_LABEL] && !c.labels[SHARE_LABEL.share]);
  if (plain.length > 0) {
    return {
      mode: 'single',
      note: `this VDC runs as ${plain.length} single-host container${plain.length === 1 ? '' : 's'} (deployed before the swarm): it stays on this host until destroyed; deployed again after, it goes onto the swarm`,
    };
  }
  return { mode: 'swarm' };
}
