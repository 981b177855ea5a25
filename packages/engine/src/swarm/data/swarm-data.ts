// A swarm VDC's data as a unit, like vdc-volumes.ts on one host: a snapshot copies each pinned
// appliance's volumes from its node into the snapshot store (the manager Colo talks to, so a
// snapshot survives the loss of the node it was taken from); a move fills an appliance's volumes
// on another node, from its node (live, the caller stopped it) or from a snapshot.
import { instanceVolumeName, snapshotVolumeName } from '../../docker-names';
import { EngineError } from '../../engine-error';
import { LABEL, type VdcScope } from '../../labels';
import type { Runtime } from '../../runtime/runtime';
import { snapshotLabels, type SnapshotVolume, volumeWriters } from '../../volumes/vdc-volumes';
import type { SwarmApi } from '../deploy/swarm-api';
import { type PinnedVolume, pinnedVolumes } from './swarm-volumes';
import { transferVolumes, type VolumeTransfer } from './transfer-volumes';

export interface SwarmDataDeps {
  api: SwarmApi;
  /** Where snapshots are kept: Colo's own engine (the manager). */
  store: Runtime;
  /** A node's engine (its agent); throws when the node does not answer. */
  runtimeOf(nodeId: string): Promise<Runtime>;
  /** Makes sure the node has the volume tool's image (pulled through Colo's registry). */
  ensureTool(nodeId: string): Promise<void>;
  instance: string;
  imageNamespace?: string;
}

export interface DataRunOptions {
  operationId: string;
  signal?: AbortSignal;
  onLog?(line: string): void;
  /** Fraction of the volumes done, 0..1. */
  onFraction?(fraction: number): void;
}

export interface SwarmSnapshotResult {
  volumes: SnapshotVolume[];
  totalBytes: number;
  durationMs: number;
  /** Writers paused, summed over the nodes. */
  pauseMs: number;
}

/**
 * Copies every pinned appliance's volumes into snapshot `snapshotId`'s volumes in the store. The
 * containers writing them are paused on their node while it is copied (never left paused).
 */
export function snapshotSwarmVolumes(deps: SwarmDataDeps, input: DataRunOptions & { scope: VdcScope; snapshotId: string }): Promise<SwarmSnapshotResult> {
  return collectSwarmVolumes(deps, {
    ...input,
    target: (v) => ({ name: snapshotVolumeName(input.snapshotId, v.appliance, v.volume), labels: snapshotLabels(input.scope, input.snapshotId, v) }),
  });
}

/**
 * Copies every pinned appliance's volumes from its node into volumes of the store named and
 * labelled by `target` (a snapshot's, a clone's), writers paused on their node meanwhile.
 */
export async function collectSwarmVolumes(
  deps: SwarmDataDeps,
  input: DataRunOptions & { scope: VdcScope; target(v: PinnedVolume): { name: string; labels: Record<string, string> } },
): Promise<SwarmSnapshotResult> {
  const started = Date.now();
  const runtimeOf = nodeRuntimes(deps);
  const found = await pinnedVolumes(deps.api, input.scope, runtimeOf);
  const byNode = groupByNode(found);
  const volumes: SnapshotVolume[] = [];
  let pauseMs = 0;
  let done = 0;
  for (const [nodeId, onNode] of byNode) {
    const node = await runtimeOf(nodeId);
    await deps.ensureTool(nodeId);
    const writers = await volumeWriters(node, input.scope, onNode.map((v) => v.name));
    let pausedAt = 0;
    const hold = {
      pause: async () => {
        pausedAt = Date.now();
        for (const id of writers) await node.pauseContainer(id);
      },
      resume: async () => {
        for (const id of writers) await node.unpauseContainer(id).catch(() => undefined);
        if (pausedAt > 0) pauseMs += Date.now() - pausedAt;
        pausedAt = 0;
      },
    };
    try {
      const copied = await transferVolumes({
        from: node,
        to: deps.store,
        transfers: onNode.map((v) => {
          const t = input.target(v);
          return { label: `${v.appliance}/${v.volume}`, source: v.name, target: t.name, targetLabels: t.labels };
        }),
        toolName: `colo-${input.operationId.replace(/_/g, '-')}-collect`,
        instance: deps.instance,
        labels: { [LABEL.operation]: input.operationId },
        imageNamespace: deps.imageNamespace,
        replace: true,
        signal: input.signal,
        hold,
        onProgress: (p) => {
          input.onLog?.(`copied ${p.label} (${p.bytes} bytes) from its node`);
          input.onFraction?.((done + p.index) / Math.max(1, found.length));
        },
      });
      for (const [i, c] of copied.volumes.entries()) volumes.push({ ...onNode[i]!, name: c.target, bytes: c.bytes });
      done += onNode.length;
    } finally {
      // Never left paused, whatever failed.
      await hold.resume();
    }
  }
  const stripped = volumes.map(({ name, appliance, volume, bytes }) => ({ name, appliance, volume, bytes }));
  return { volumes: stripped, totalBytes: stripped.reduce((s, v) => s + v.bytes, 0), durationMs: Date.now() - started, pauseMs };
}

export type MoveSource =
  /** Its volumes on the node it is pinned to now (the caller has stopped it there). */
  | { kind: 'node'; nodeId: string }
  /** A snapshot's copies in the store. */
  | { kind: 'snapshot'; snapshotId: string; volumes: { appliance: string; volume: string; name: string }[] };

export interface MoveVolumesInput extends DataRunOptions {
  scope: VdcScope & { key: string };
  appliances: ReadonlySet<string>;
  source: MoveSource;
  targetNodeId: string;
}

/**
 * Fills `appliances`' volumes on the target node (made there, or emptied when an earlier attempt
 * left them), from their node or a snapshot. Returns what the old node still holds, for the caller
 * to remove once the appliance runs healthy on the target.
 */
export async function moveSwarmVolumes(deps: SwarmDataDeps, input: MoveVolumesInput): Promise<{ moved: { name: string; bytes: number }[]; left: PinnedVolume[]; totalBytes: number; durationMs: number }> {
  const runtimeOf = nodeRuntimes(deps);
  const target = await runtimeOf(input.targetNodeId);
  await deps.ensureTool(input.targetNodeId);
  const { source } = input;
  let from: Runtime;
  let left: PinnedVolume[] = [];
  let transfers: VolumeTransfer[];
  if (source.kind === 'node') {
    if (source.nodeId === input.targetNodeId) throw new EngineError('conflict', 'the appliance is on that node already', { retryable: false });
    from = await runtimeOf(source.nodeId);
    await deps.ensureTool(source.nodeId);
    left = await pinnedVolumes(deps.api, input.scope, runtimeOf, input.appliances);
    const running = await volumeWriters(from, input.scope, left.map((v) => v.name));
    if (running.length > 0) throw new EngineError('conflict', `${running.length} containers still use the volumes on their node: stop them before moving`, { retryable: false });
    transfers = left.map((v) => ({ label: `${v.appliance}/${v.volume}`, source: v.name, target: v.name, targetLabels: v.labels }));
  } else {
    from = deps.store;
    const wanted = source.volumes.filter((v) => input.appliances.has(v.appliance));
    const present = new Set((await deps.store.listVolumes([`${LABEL.managed}=true`, `${LABEL.snapshot}=${source.snapshotId}`])).map((v) => v.name));
    const missing = wanted.filter((v) => !present.has(v.name));
    if (missing.length > 0) {
      throw new EngineError('not_found', `snapshot ${source.snapshotId} has lost its copy of ${missing.map((m) => `${m.appliance}/${m.volume}`).join(', ')}`, { retryable: false });
    }
    transfers = wanted.map((v) => ({
      label: `${v.appliance}/${v.volume}`,
      source: v.name,
      target: instanceVolumeName(input.scope.key, v.appliance, v.volume),
      targetLabels: { [LABEL.managed]: 'true', [LABEL.instance]: input.scope.instance, [LABEL.vdc]: input.scope.vdcId, [LABEL.appliance]: v.appliance, [LABEL.volume]: v.volume },
    }));
  }
  const result = await transferVolumes({
    from,
    to: target,
    transfers,
    toolName: `colo-${input.operationId.replace(/_/g, '-')}-move`,
    instance: deps.instance,
    labels: { [LABEL.operation]: input.operationId },
    imageNamespace: deps.imageNamespace,
    replace: true,
    signal: input.signal,
    onProgress: (p) => {
      input.onLog?.(`copied ${p.label} (${p.bytes} bytes) to the target node`);
      input.onFraction?.(p.index / p.total);
    },
  });
  return { moved: result.volumes.map((v) => ({ name: v.target, bytes: v.bytes })), left, totalBytes: result.totalBytes, durationMs: result.durationMs };
}

/** Removes volumes a move left on the old node (after the appliance runs on the new one). */
export async function removeNodeVolumes(deps: Pick<SwarmDataDeps, 'runtimeOf'>, volumes: PinnedVolume[]): Promise<string[]> {
  const removed: string[] = [];
  for (const [nodeId, onNode] of groupByNode(volumes)) {
    const node = await deps.runtimeOf(nodeId);
    for (const v of onNode) {
      await node.removeVolume(v.name);
      removed.push(v.name);
    }
  }
  return removed;
}

function groupByNode(volumes: PinnedVolume[]): Map<string, PinnedVolume[]> {
  const byNode = new Map<string, PinnedVolume[]>();
  for (const v of volumes) byNode.set(v.nodeId, [...(byNode.get(v.nodeId) ?? []), v]);
  return byNode;
}

/** One runtime per node for the run, and a node that does not answer named as such. */
function nodeRuntimes(deps: SwarmDataDeps): (nodeId: string) => Promise<Runtime> {
  const cache = new Map<string, Promise<Runtime>>();
  return (nodeId) => {
    let found = cache.get(nodeId);
    if (!found) {
      found = deps.runtimeOf(nodeId).catch((cause) => {
        cache.delete(nodeId);
        throw new EngineError('docker_unavailable', `node ${nodeId} does not answer: ${(cause as Error).message}`, { cause });
      });
      cache.set(nodeId, found);
    }
    return found;
  };
}
