// move: a stateful appliance of a swarm VDC (and whatever must run beside it), or the whole VDC,
// to another node with its data. Live, while its node answers: a safety snapshot, the appliances
// stopped, their volumes copied node to node, deployed pinned to the target (Swarm's health gate),
// and only then the old copies removed; a failure before that puts them back where they were.
// From a snapshot, when their node is lost: the snapshot's copies fill their volumes on the
// target, and they are deployed there. Nothing is removed from a lost node: should it come back,
// its old copy is never taken for the data again (the service's pin says where the data is).
import { getPrisma, type Snapshot } from '@colo/db';
import { formatBytes, type MoveSource, moveSwarmVolumes, nodeInfo, pinGroups, pinnedNodes, removeNodeVolumes, type SwarmNodeInfo, stopSwarmAppliances } from '@colo/engine';
import { computeDesired } from '../../docker/deploy-state';
import { vdcScope } from '../../docker/engine-access';
import { getSwarmEngine, vdcEngineMode } from '../../docker/engine-mode';
import { swarmDataDeps } from '../../docker/swarm-data';
import { deploySwarm, pushSwarmImages } from '../../docker/swarm-vdc';
import { ColoError } from '../../errors';
import { checkManifest, ownerOfVdc } from '../../manifests/manifest-input';
import { findSnapshot } from '../../snapshots/read-snapshots';
import { storedVolumes } from '../../snapshots/snapshot-views';
import { withFence } from '../fence';
import { takeSnapshot } from './snapshot';
import type { Runner, RunnerContext } from './types';

interface MoveParams {
  /** Absent: the whole VDC (every appliance that keeps data on a node). */
  appliance?: string;
  node?: string;
  snapshot?: number;
  /** A node drain's (internal): only what keeps its data on this node id moves, and not to it. */
  from?: string;
}

export const runMove: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal, beginChanges } = ctx;
  const params = op.params as unknown as MoveParams;
  if ((await vdcEngineMode(vdc)).mode !== 'swarm') {
    throw new ColoError('bad_request', `VDC "${vdc.name}" runs on one host: moving to another node is for a VDC on a swarm`, { retryable: false });
  }
  if (!vdc.deployedRevisionId) throw new ColoError('bad_request', `VDC "${vdc.name}" is not deployed: nothing runs on a node to move`, { retryable: false });
  const revision = await getPrisma().revision.findUniqueOrThrow({ where: { id: vdc.deployedRevisionId } });
  const { manifest } = await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  const { desired, placement } = await computeDesired(vdc, manifest, revision.id);
  const { api } = getSwarmEngine();
  const scope = vdcScope(vdc);
  const pins = await pinnedNodes(api, scope);
  const nodes = (await api.listNodes()).map(nodeInfo);
  const fromHost = params.from === undefined ? undefined : (nodes.find((n) => n.id === params.from)?.hostname ?? params.from);
  const what = params.appliance ?? (fromHost ? `what of ${vdc.name} keeps its data on ${fromHost}` : `every stateful appliance of ${vdc.name}`);
  const { batches, target } = planMove(desired, pins, nodes, params, what);
  const members = new Set(batches.flatMap((b) => [...b.appliances]));
  const lostOnes = batches.filter((b) => b.lost || params.snapshot !== undefined);
  const withData = new Set(desired.volumes.map((v) => v.appliance).filter((a) => lostOnes.some((b) => b.appliances.has(a))));
  const snapshot = params.snapshot !== undefined ? await findSnapshot(vdc, params.snapshot) : lostOnes.length > 0 ? await latestSnapshotOf(vdc, withData) : undefined;
  if (snapshot) {
    const held = new Set(storedVolumes(snapshot).map((v) => v.appliance));
    const without = [...withData].filter((a) => !held.has(a)).sort();
    if (without.length > 0) {
      throw new ColoError('bad_request', `snapshot ${snapshot.number} holds no data of ${without.join(', ')}: restoring from it would start ${without.length === 1 ? 'it' : 'them'} empty`, { retryable: false });
    }
  }
  const fromSnapshot = (b: Batch) => snapshot !== undefined && (b.lost || params.snapshot !== undefined);
  const live = batches.filter((b) => !fromSnapshot(b));
  const names = [...members].sort().join(', ');
  for (const b of batches) {
    const list = [...b.appliances].sort().join(', ');
    recorder.log(
      fromSnapshot(b)
        ? `${list}: data from snapshot ${snapshot?.number} onto ${target.hostname}${b.lost ? ` (its node ${b.where} is ${b.from ? b.from.state : 'gone from the swarm'})` : ''}`
        : `${list}: from ${b.where} to ${target.hostname}, data copied live`,
    );
  }

  const oldNodes = [...new Set(live.map((b) => b.where))].join(', ');
  const steps = [
    ...(live.length > 0 ? [{ key: 'safety', title: 'take a safety snapshot of the VDC' }] : []),
    { key: 'stop', title: `stop ${names}` },
    { key: 'copy', title: `put the data on ${target.hostname}${snapshot ? ` (from snapshot ${snapshot.number}${live.length > 0 ? ' and live' : ''})` : ''}` },
    { key: 'deploy', title: `start ${names} on ${target.hostname} (healthy before anything is removed)` },
    ...(live.length > 0 ? [{ key: 'clean', title: `remove the old copy on ${oldNodes}` }] : []),
  ];
  await recorder.defineSteps(steps);
  const index = (key: string) => steps.findIndex((s) => s.key === key);
  if (live.length > 0) {
    recorder.stepStarted('safety');
    const safety = await takeSnapshot(ctx, { note: `before moving ${what} to ${target.hostname}`, stepIndex: index('safety') });
    recorder.log(`safety snapshot ${safety.number} taken`);
    recorder.stepDone('safety');
  }

  recorder.stepStarted('stop');
  beginChanges();
  await stopSwarmAppliances(api, scope, members, { signal, onProgress: (m) => recorder.log(m), shareServers: true });
  recorder.stepDone('stop');

  const deps = swarmDataDeps(runtime, ctx.fence, signal);
  const moveTo = Object.fromEntries([...members].map((a) => [a, target.id]));
  const left: Awaited<ReturnType<typeof moveSwarmVolumes>>['left'] = [];
  try {
    recorder.stepStarted('copy');
    for (const [i, b] of batches.entries()) {
      const source: MoveSource =
        fromSnapshot(b) && snapshot ? { kind: 'snapshot', snapshotId: snapshot.id, volumes: storedVolumes(snapshot) } : { kind: 'node', nodeId: b.fromId as string };
      const moved = await moveSwarmVolumes(deps, {
        scope: { ...scope, key: vdc.dockerKey },
        appliances: b.appliances,
        source,
        targetNodeId: target.id,
        operationId: op.id,
        signal,
        onLog: (line) => recorder.log(line),
        onFraction: (f) => recorder.stepProgress(index('copy'), (i + f) / batches.length),
      });
      left.push(...moved.left);
      recorder.log(`${moved.moved.length} volume${moved.moved.length === 1 ? '' : 's'} (${formatBytes(moved.totalBytes)}) on ${target.hostname} in ${(moved.durationMs / 1000).toFixed(1)} s`);
    }
    recorder.stepDone('copy');
    recorder.stepStarted('deploy');
    await deployPinned(ctx, desired, placement, moveTo, index('deploy'));
    recorder.stepDone('deploy');
  } catch (error) {
    if (live.length > 0) {
      // The old copies are untouched: what was copied live goes back to its node before the
      // failure is reported.
      recorder.log(`moving failed (${(error as Error).message}): starting ${live.flatMap((b) => [...b.appliances]).sort().join(', ')} again where they were`);
      const back = Object.fromEntries(live.flatMap((b) => [...b.appliances].map((a) => [a, b.fromId as string])));
      await deployPinned(ctx, desired, placement, back, index('deploy')).catch((e: Error) => recorder.log(`starting them again failed too: ${e.message}`));
    }
    throw error;
  }
  if (live.length > 0) {
    recorder.stepStarted('clean');
    const removed = await removeNodeVolumes(deps, left);
    recorder.log(removed.length === 0 ? 'nothing was left on the old node' : `removed ${removed.join(', ')} from ${oldNodes}`);
    recorder.stepDone('clean');
  }
  await withFence(lease, (tx) =>
    tx.operation.update({
      where: { id: op.id },
      data: { result: { ...(params.appliance ? { appliance: params.appliance } : {}), appliances: [...members].sort(), node: target.hostname, ...(snapshot ? { snapshot: snapshot.number } : {}) } },
    }),
  );
  return { state: 'running' };
};

/** Appliances whose data is on one node, moved together (from that node, or a snapshot when it is lost). */
interface Batch {
  appliances: Set<string>;
  fromId: string | undefined;
  from: SwarmNodeInfo | undefined;
  where: string;
  lost: boolean;
}

/**
 * What moves, and to where. One appliance: its pin group, and when its node is lost everything
 * whose data was there too (none of it runs until then, and a NAS's clients need it back with
 * the database). No appliance: every pin group not on the target already (a whole VDC).
 */
function planMove(
  desired: Awaited<ReturnType<typeof computeDesired>>['desired'],
  pins: ReadonlyMap<string, string>,
  nodes: SwarmNodeInfo[],
  params: MoveParams,
  what: string,
): { batches: Batch[]; target: SwarmNodeInfo } {
  const groups = pinGroups(desired);
  const nodeOf = (g: (typeof groups)[number]) => [g.holder, ...g.members.map((m) => m.appliance)].map((a) => pins.get(a)).find((n) => n !== undefined);
  const batchOf = (fromId: string | undefined): Batch => {
    const from = nodes.find((n) => n.id === fromId);
    return { appliances: new Set(), fromId, from, where: from ? from.hostname : (fromId ?? 'no node'), lost: !from || from.state !== 'ready' };
  };
  if (params.appliance) {
    const group = groups.find((g) => g.members.some((m) => m.appliance === params.appliance));
    if (!group) {
      throw new ColoError('bad_request', `${params.appliance} keeps no data on a node (it has no instance volumes): Swarm runs it on any node already`, { retryable: false });
    }
    const batch = batchOf(nodeOf(group));
    for (const g of groups) if (g === group || (batch.lost && batch.fromId !== undefined && nodeOf(g) === batch.fromId)) for (const m of g.members) batch.appliances.add(m.appliance);
    const target = chooseTarget(nodes, params.node, batch.fromId, what);
    if (!batch.lost && params.snapshot === undefined && target.id === batch.fromId) {
      throw new ColoError('bad_request', `${params.appliance} runs on ${target.hostname} already`, { retryable: false });
    }
    return { batches: [batch], target };
  }
  if (groups.length === 0) throw new ColoError('bad_request', `${what}: none keeps data on a node, so Swarm runs everything on any node already`, { retryable: false });
  const target = chooseTarget(nodes, params.node, params.from, what);
  const byNode = new Map<string | undefined, Batch>();
  for (const g of groups) {
    const fromId = nodeOf(g);
    if (params.from !== undefined && fromId !== params.from) continue;
    if (fromId === target.id && params.snapshot === undefined) continue;
    const batch = byNode.get(fromId) ?? batchOf(fromId);
    for (const m of g.members) batch.appliances.add(m.appliance);
    byNode.set(fromId, batch);
  }
  if (byNode.size === 0) {
    throw new ColoError('bad_request', params.from !== undefined ? `${what}: nothing does any more` : `${what}: all of it is on ${target.hostname} already`, { retryable: false });
  }
  return { batches: [...byNode.values()], target };
}

async function deployPinned(
  ctx: RunnerContext,
  desired: Awaited<ReturnType<typeof computeDesired>>['desired'],
  placement: Awaited<ReturnType<typeof computeDesired>>['placement'],
  pins: Record<string, string>,
  stepIndex: number,
): Promise<void> {
  const { recorder, signal } = ctx;
  const images = await pushSwarmImages(desired);
  await deploySwarm(desired, images, { ...placement, pins }, {
    signal,
    onLog: (line) => recorder.log(line),
    onEvent: (e) => {
      if (e.status !== 'running') recorder.log(`${e.step.action} ${e.step.kind} ${e.step.name}: ${e.message}`);
      recorder.stepProgress(stepIndex, e.percent / 100);
    },
  });
}

/** The node asked for (hostname or id, ready and active), else the ready one with fewest Colo services pinned. */
function chooseTarget(nodes: SwarmNodeInfo[], asked: string | undefined, currentId: string | undefined, appliance: string): SwarmNodeInfo {
  if (asked !== undefined) {
    const found = nodes.find((n) => n.id === asked || n.hostname === asked);
    if (!found) throw new ColoError('not_found', `node "${asked}": no such node in the swarm (colo node ls lists them)`, { retryable: false });
    if (!found.schedulable) throw new ColoError('bad_request', `node "${asked}" is ${found.state}/${found.availability}: ${appliance} can only move to a ready, active node`, { retryable: false });
    return found;
  }
  const candidates = nodes.filter((n) => n.schedulable && n.id !== currentId).sort((a, b) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'worker' ? -1 : 1));
  if (candidates.length === 0) throw new ColoError('bad_request', `no other ready, active node to move ${appliance} to`, { retryable: false });
  return candidates[0]!;
}

/** The newest ready snapshot holding the data of every one of `appliances`. */
async function latestSnapshotOf(vdc: { id: string; name: string }, appliances: ReadonlySet<string>): Promise<Snapshot> {
  const snapshots = await getPrisma().snapshot.findMany({ where: { vdcId: vdc.id, status: 'ready' }, orderBy: { number: 'desc' } });
  const found = snapshots.find((s) => {
    const held = new Set(storedVolumes(s).map((v) => v.appliance));
    return [...appliances].every((a) => held.has(a));
  });
  if (!found) {
    throw new ColoError(
      'not_found',
      `no snapshot of "${vdc.name}" holds the data of ${[...appliances].sort().join(', ')}, and their node is lost: bring the node back (colo node ls); nothing was changed`,
      { retryable: false },
    );
  }
  return found;
}
