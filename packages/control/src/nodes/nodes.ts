// Node management for Colo admins: every operation checks `requireAdmin` first. Reads (status,
// nodes) are made here; changes and the join command go to the worker (node-calls.ts), once this
// side has seen that Colo's engine manages a swarm (a single host is told so without a worker).
// Runs on nodes carry the VDC's id (colo.vdc); the answers add its name.
import { getPrisma } from '@colo/db';
import type { NodeRun } from '@colo/engine';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { ColoError, parseInput } from '../errors';
import { callWorker } from '../worker-calls/call-worker';
import { createBootstrapLink } from './bootstrap-link';
import { type DataMove, moveDataOff } from './drain-data';
import { onCluster, requireManager } from './cluster-access';
import { DRAIN_WAIT_MAX_SECONDS, initInput, labelKey } from './node-calls';

/** How long a drain waits for Swarm to move the tasks unless told. */
export const DRAIN_WAIT_SECONDS = 60;

const labelInput = z.object({ add: z.record(labelKey, z.string().max(1024)).default({}), remove: z.array(labelKey).max(64).default([]) }).strict();
const drainInput = z.object({ waitSeconds: z.number().int().min(0).max(DRAIN_WAIT_MAX_SECONDS).default(DRAIN_WAIT_SECONDS), keepData: z.boolean().default(false) }).strict();

export type NamedRun = NodeRun & { vdcName?: string };

/** Adds `vdcName` to each run of a VDC this installation knows. */
async function named<T extends { runs: NodeRun[] }>(nodes: T[]): Promise<(Omit<T, 'runs'> & { runs: NamedRun[] })[]> {
  const ids = [...new Set(nodes.flatMap((n) => n.runs.map((r) => r.vdc)).filter((v): v is string => Boolean(v)))];
  const rows = ids.length ? await getPrisma().vdc.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return nodes.map((n) => ({ ...n, runs: n.runs.map((r) => (r.vdc && names.has(r.vdc) ? { ...r, vdcName: names.get(r.vdc) } : r)) }));
}

async function namedOne<T extends { runs: NodeRun[] }>(node: T) {
  const [one] = await named([node]);
  return one as Omit<T, 'runs'> & { runs: NamedRun[] };
}

/** `GET /nodes`: the engine's swarm status and, on a manager, every node (a single host lists none). */
export async function listNodes(user: AuthUser) {
  await requireAdmin(user, 'list nodes');
  return onCluster(async (cluster) => {
    const status = await cluster.status();
    return { status, nodes: status.mode === 'manager' ? await named(await cluster.listNodes()) : [] };
  });
}

/** `POST /nodes/init`: a new swarm on Colo's engine (by the worker), or the one it already manages. */
export async function initSwarm(user: AuthUser, input: unknown) {
  await requireAdmin(user, 'initialise a swarm');
  const asked = parseInput(initInput, input);
  const status = await onCluster((c) => c.status());
  if (status.mode === 'manager') return { status: await onCluster((c) => c.adopt()), adopted: true };
  if (status.mode === 'worker') throw new ColoError('bad_request', "Colo's Docker engine is a worker of a swarm: run Colo on a manager of that swarm instead");
  return callWorker('nodes.init', asked);
}

/**
 * `GET /nodes/join`: the swarm's join command and, given Colo's address (`linkOrigin`), a new
 * bootstrap link with the one line a new machine runs: load Colo's images, then join.
 */
export async function nodeJoinCommand(user: AuthUser, role: 'worker' | 'manager' = 'worker', linkOrigin?: string) {
  await requireAdmin(user, 'read the join command');
  await requireManager('make a join command');
  const join = await callWorker('nodes.join', { role });
  if (linkOrigin === undefined) return join;
  const bootstrap = await createBootstrapLink(user, linkOrigin);
  return { ...join, bootstrap, bootstrapCommand: `${bootstrap.loadCommand} && ${join.command}` };
}

/**
 * `POST /nodes/:node/drain`. Appliances whose data is on the node move first: while any must,
 * their move operations are queued (or found) and answered in `moving`, and the node is not
 * drained yet; asked again once they ran, it is. Then Swarm moves the stateless tasks, waited for
 * (bounded). With `keepData`, the pinned appliances stay, stopped until the node is active again.
 */
export async function drainNode(user: AuthUser, node: string, input: unknown) {
  await requireAdmin(user, 'drain a node');
  const { waitSeconds, keepData } = parseInput(drainInput, input);
  await requireManager('drain a node');
  if (!keepData) {
    const current = await onCluster((c) => c.node(node));
    const moving = await moveDataOff(user, current);
    if (moving.length > 0) {
      const named = await namedOne(current);
      return { node: named, moved: false, waitedMs: 0, pinned: named.runs.filter((r) => r.pinned), remaining: [], moving };
    }
  }
  const drained = await callWorker('nodes.drain', { node, waitSeconds });
  const [pinned, remaining] = await Promise.all([namedOne({ runs: drained.pinned }), namedOne({ runs: drained.remaining })]);
  return { ...drained, node: await namedOne(drained.node), pinned: pinned.runs, remaining: remaining.runs, moving: [] as DataMove[] };
}

export async function activateNode(user: AuthUser, node: string) {
  await requireAdmin(user, 'activate a node');
  await requireManager('activate a node');
  return { node: await namedOne(await callWorker('nodes.activate', { node })) };
}

export async function labelNode(user: AuthUser, node: string, input: unknown) {
  await requireAdmin(user, 'label a node');
  const { add, remove } = parseInput(labelInput, input);
  await requireManager('label a node');
  return { node: await namedOne(await callWorker('nodes.label', { node, add, remove })) };
}

export async function removeNode(user: AuthUser, node: string, options: { force?: boolean } = {}) {
  await requireAdmin(user, 'remove a node');
  await requireManager('remove a node');
  return { removed: await callWorker('nodes.remove', { node, force: options.force === true }) };
}
