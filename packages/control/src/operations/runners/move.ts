// move: a stateful appliance of a swarm VDC (and whatever must run beside it) to another node with
// its data. Live, while its node answers: a safety snapshot, the appliance stopped, its volumes
// copied node to node, deployed pinned to the target (Swarm's health gate), and only then the old
// copy removed; a failure before that puts it back on its node. From a snapshot, when its node is
// lost: the snapshot's copies fill its volumes on the target, and it is deployed there. Nothing is
// removed from a lost node: should it come back, its old copy is never taken for the data again.
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
  appliance: string;
  node?: string;
  snapshot?: number;
}

export const runMove: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal, beginChanges } = ctx;
  const params = op.params as unknown as MoveParams;
  if ((await vdcEngineMode(vdc)).mode !== 'swarm') {
    throw new ColoError('bad_request', `VDC "${vdc.name}" runs on one host: moving an appliance to another node is for a VDC on a swarm`, { retryable: false });
  }
  if (!vdc.deployedRevisionId) throw new ColoError('bad_request', `VDC "${vdc.name}" is not deployed: nothing runs on a node to move`, { retryable: false });
  const revision = await getPrisma().revision.findUniqueOrThrow({ where: { id: vdc.deployedRevisionId } });
  const { manifest } = await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  const { desired, placement } = await computeDesired(vdc, manifest, revision.id);
  const group = pinGroups(desired).find((g) => g.members.some((m) => m.appliance === params.appliance));
  if (!group) {
    throw new ColoError('bad_request', `${params.appliance} keeps no data on a node (it has no instance volumes): Swarm runs it on any node already`, { retryable: false });
  }
  const members = new Set(group.members.map((m) => m.appliance));
  const { api } = getSwarmEngine();
  const scope = vdcScope(vdc);
  const pins = await pinnedNodes(api, scope);
  const nodes = (await api.listNodes()).map(nodeInfo);
  const currentId = [group.holder, ...members].map((a) => pins.get(a)).find((n) => n !== undefined);
  const current = nodes.find((n) => n.id === currentId);
  const lost = !current || current.state !== 'ready';
  if (lost && currentId) {
    // Everything whose data was on the lost node comes back in this one action, to one node: none
    // of it can run until then (and a NAS's clients need it back with the database).
    for (const g of pinGroups(desired)) {
      if (pins.get(g.holder) === currentId || g.members.some((m) => pins.get(m.appliance) === currentId)) for (const m of g.members) members.add(m.appliance);
    }
  }
  const target = chooseTarget(nodes, params.node, currentId, params.appliance);
  const withData = new Set(desired.volumes.map((v) => v.appliance).filter((a) => members.has(a)));
  const snapshot = params.snapshot !== undefined ? await findSnapshot(vdc, params.snapshot) : lost ? await latestSnapshotOf(vdc, withData) : undefined;
  if (snapshot) {
    const held = new Set(storedVolumes(snapshot).map((v) => v.appliance));
    const without = [...withData].filter((a) => !held.has(a)).sort();
    if (without.length > 0) {
      throw new ColoError('bad_request', `snapshot ${snapshot.number} holds no data of ${without.join(', ')}: restoring from it would start ${without.length === 1 ? 'it' : 'them'} empty`, { retryable: false });
    }
  }
  if (!snapshot && target.id === currentId) throw new ColoError('bad_request', `${params.appliance} runs on ${target.hostname} already`, { retryable: false });
  const names = [...members].sort().join(', ');
  const where = current ? current.hostname : (currentId ?? 'no node');
  recorder.log(
    snapshot
      ? `${names}: data from snapshot ${snapshot.number} onto ${target.hostname}${lost ? ` (its node ${where} is ${current ? current.state : 'gone from the swarm'})` : ''}`
      : `${names}: from ${where} to ${target.hostname}, data copied live`,
  );

  const steps = [
    ...(snapshot ? [] : [{ key: 'safety', title: 'take a safety snapshot of the VDC' }]),
    { key: 'stop', title: `stop ${names}` },
    { key: 'copy', title: snapshot ? `put snapshot ${snapshot.number}'s data on ${target.hostname}` : `copy the data from ${where} to ${target.hostname}` },
    { key: 'deploy', title: `start ${names} on ${target.hostname} (healthy before anything is removed)` },
    ...(snapshot ? [] : [{ key: 'clean', title: `remove the old copy on ${where}` }]),
  ];
  await recorder.defineSteps(steps);
  const index = (key: string) => steps.findIndex((s) => s.key === key);
  if (!snapshot) {
    recorder.stepStarted('safety');
    const safety = await takeSnapshot(ctx, { note: `before moving ${params.appliance} to ${target.hostname}`, stepIndex: index('safety') });
    recorder.log(`safety snapshot ${safety.number} taken`);
    recorder.stepDone('safety');
  }

  recorder.stepStarted('stop');
  beginChanges();
  const down = new Set(nodes.filter((n) => n.state !== 'ready').map((n) => n.id));
  await stopSwarmAppliances(api, scope, members, { signal, downNodes: down, onProgress: (m) => recorder.log(m) });
  recorder.stepDone('stop');

  const deps = swarmDataDeps(runtime, ctx.fence, signal);
  const source: MoveSource = snapshot
    ? { kind: 'snapshot', snapshotId: snapshot.id, volumes: storedVolumes(snapshot) }
    : { kind: 'node', nodeId: currentId as string };
  const moveTo = Object.fromEntries([...members].map((a) => [a, target.id]));
  let left: Awaited<ReturnType<typeof moveSwarmVolumes>>['left'] = [];
  try {
    recorder.stepStarted('copy');
    const moved = await moveSwarmVolumes(deps, {
      scope: { ...scope, key: vdc.dockerKey },
      appliances: members,
      source,
      targetNodeId: target.id,
      operationId: op.id,
      signal,
      onLog: (line) => recorder.log(line),
      onFraction: (f) => recorder.stepProgress(index('copy'), f),
    });
    left = moved.left;
    recorder.log(`${moved.moved.length} volume${moved.moved.length === 1 ? '' : 's'} (${formatBytes(moved.totalBytes)}) on ${target.hostname} in ${(moved.durationMs / 1000).toFixed(1)} s`);
    recorder.stepDone('copy');
    recorder.stepStarted('deploy');
    await deployPinned(ctx, desired, placement, moveTo, index('deploy'));
    recorder.stepDone('deploy');
  } catch (error) {
    if (!snapshot && currentId) {
      // The old copy is untouched: the appliance goes back to it before the failure is reported.
      recorder.log(`moving failed (${(error as Error).message}): starting ${names} again on ${where}`);
      await deployPinned(ctx, desired, placement, Object.fromEntries([...members].map((a) => [a, currentId])), index('deploy')).catch((e: Error) =>
        recorder.log(`starting ${names} again on ${where} failed too: ${e.message}`),
      );
    }
    throw error;
  }
  if (!snapshot) {
    recorder.stepStarted('clean');
    const removed = await removeNodeVolumes(deps, left);
    recorder.log(removed.length === 0 ? 'nothing was left on the old node' : `removed ${removed.join(', ')} from ${where}`);
    recorder.stepDone('clean');
  }
  await withFence(lease, (tx) =>
    tx.operation.update({ where: { id: op.id }, data: { result: { appliance: params.appliance, node: target.hostname, ...(snapshot ? { snapshot: snapshot.number } : {}) } } }),
  );
  return { state: 'running' };
};

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
