// A VDC's data as a unit: snapshot its instance volumes, clone them into another VDC (live or from
// a snapshot), restore them from a snapshot. Every function here leaves either a whole copy or
// none: targets it made are removed when the copy fails, and the source is only ever read.
import { instanceVolumeName, snapshotVolumeName, volumeToolName } from '../docker-names';
import { EngineError } from '../engine-error';
import { baseLabels, LABEL, type VdcScope, vdcLabelFilter } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { type CopyProgress, type CopyVolumesResult, copyVolumes, type VolumeCopy } from './copy-volumes';

export interface InstanceVolume {
  /** The Docker volume. */
  name: string;
  appliance: string;
  volume: string;
}

export interface CopyOptions {
  /** The operation doing the copy: names its volume-tool container. */
  operationId: string;
  imageNamespace?: string;
  signal?: AbortSignal;
  onProgress?: (progress: CopyProgress) => void;
}

/** The VDC's instance volumes, found by label: what exists in Docker, whatever the manifest says now. */
export async function vdcVolumes(runtime: Runtime, scope: VdcScope): Promise<InstanceVolume[]> {
  const volumes = await runtime.listVolumes(vdcLabelFilter(scope));
  return volumes
    .filter((v) => v.labels[LABEL.appliance] && v.labels[LABEL.volume])
    .map((v) => ({ name: v.name, appliance: v.labels[LABEL.appliance], volume: v.labels[LABEL.volume] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The VDC's running containers that mount any of `volumes`: paused for a consistent copy. */
export async function volumeWriters(runtime: Runtime, scope: VdcScope, volumes: string[]): Promise<string[]> {
  const wanted = new Set(volumes);
  const containers = await runtime.listContainers(vdcLabelFilter(scope));
  return containers.filter((c) => (c.state === 'running' || c.state === 'paused') && c.volumes.some((v) => wanted.has(v))).map((c) => c.id);
}

/** Thaws every paused container of the VDC: what a run that died while paused left behind. */
export async function unpauseVdc(runtime: Runtime, scope: VdcScope): Promise<string[]> {
  const paused = (await runtime.listContainers(vdcLabelFilter(scope))).filter((c) => c.state === 'paused');
  await Promise.all(paused.map((c) => runtime.unpauseContainer(c.id)));
  return paused.map((c) => c.name);
}

export interface SnapshotVolume extends InstanceVolume {
  bytes: number;
}

export interface VolumeCopyResult {
  volumes: SnapshotVolume[];
  copy: CopyVolumesResult;
}

/** Copies every instance volume of a running (or stopped) VDC into a snapshot's volumes. */
export async function snapshotVolumes(
  runtime: Runtime,
  input: CopyOptions & { scope: VdcScope; snapshotId: string },
): Promise<VolumeCopyResult> {
  const { scope, snapshotId } = input;
  const sources = await vdcVolumes(runtime, scope);
  return copyInto(runtime, input, sources, {
    writers: await volumeWriters(runtime, scope, sources.map((s) => s.name)),
    fresh: true,
    target: (s) => ({
      name: snapshotVolumeName(snapshotId, s.appliance, s.volume),
      labels: snapshotLabels(scope, snapshotId, s),
    }),
  });
}

export function snapshotLabels(scope: VdcScope, snapshotId: string, v: Pick<InstanceVolume, 'appliance' | 'volume'>): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: scope.instance,
    [LABEL.snapshot]: snapshotId,
    [LABEL.snapshotOf]: scope.vdcId,
    [LABEL.appliance]: v.appliance,
    [LABEL.volume]: v.volume,
  };
}

/** A snapshot's volumes, found by label. */
export async function snapshotVolumesOf(runtime: Runtime, instance: string, snapshotId: string): Promise<InstanceVolume[]> {
  const volumes = await runtime.listVolumes([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, `${LABEL.snapshot}=${snapshotId}`]);
  return volumes
    .map((v) => ({ name: v.name, appliance: v.labels[LABEL.appliance] ?? '', volume: v.labels[LABEL.volume] ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function removeSnapshotVolumes(runtime: Runtime, instance: string, snapshotId: string): Promise<number> {
  const volumes = await snapshotVolumesOf(runtime, instance, snapshotId);
  for (const v of volumes) await runtime.removeVolume(v.name);
  return volumes.length;
}

/** Where a clone's data comes from: a VDC's live volumes (paused for the last pass), or a snapshot's. */
export type CloneSource = { kind: 'vdc'; scope: VdcScope } | { kind: 'snapshot'; instance: string; snapshotId: string; expected: InstanceVolume[] };

/**
 * Fills a new VDC's instance volumes (named for its Docker key, labelled as its own, so its first
 * deploy adopts them) with copies of the source's. The target must have no volumes yet.
 */
export async function cloneVolumes(
  runtime: Runtime,
  input: CopyOptions & { source: CloneSource; target: VdcScope & { key: string; revisionId: string } },
): Promise<VolumeCopyResult> {
  const { source, target } = input;
  const sources = source.kind === 'vdc' ? await vdcVolumes(runtime, source.scope) : await existingSnapshotVolumes(runtime, source);
  return copyInto(runtime, input, sources, {
    writers: source.kind === 'vdc' ? await volumeWriters(runtime, source.scope, sources.map((s) => s.name)) : [],
    fresh: true,
    target: (s) => ({
      name: instanceVolumeName(target.key, s.appliance, s.volume),
      labels: { ...baseLabels(target, target.revisionId), [LABEL.appliance]: s.appliance, [LABEL.volume]: s.volume },
    }),
  });
}

/**
 * Puts a snapshot's data back into the VDC's own volumes (their content replaced, the volumes
 * kept). The caller stops the VDC first; a volume the snapshot has and the VDC lacks is made.
 */
export async function restoreVolumes(
  runtime: Runtime,
  input: CopyOptions & { scope: VdcScope & { key: string; revisionId: string }; snapshot: { snapshotId: string; expected: InstanceVolume[] } },
): Promise<VolumeCopyResult> {
  const { scope } = input;
  const sources = await existingSnapshotVolumes(runtime, { instance: scope.instance, ...input.snapshot });
  const running = await volumeWriters(runtime, scope, (await vdcVolumes(runtime, scope)).map((v) => v.name));
  if (running.length > 0) throw new EngineError('conflict', `${running.length} containers of the VDC still run: stop it before restoring`, { retryable: false });
  return copyInto(runtime, input, sources, {
    writers: [],
    fresh: false,
    target: (s) => ({
      name: instanceVolumeName(scope.key, s.appliance, s.volume),
      labels: { ...baseLabels(scope, scope.revisionId), [LABEL.appliance]: s.appliance, [LABEL.volume]: s.volume },
    }),
  });
}

async function existingSnapshotVolumes(
  runtime: Runtime,
  source: { instance: string; snapshotId: string; expected: InstanceVolume[] },
): Promise<InstanceVolume[]> {
  const found = await snapshotVolumesOf(runtime, source.instance, source.snapshotId);
  const missing = source.expected.filter((e) => !found.some((f) => f.name === e.name));
  if (missing.length > 0) {
    throw new EngineError('not_found', `snapshot ${source.snapshotId} has lost its copy of ${missing.map((m) => `${m.appliance}/${m.volume}`).join(', ')}`, { retryable: false });
  }
  return found;
}

interface Targeting {
  writers: string[];
  /** Targets must not exist before (snapshot, clone): made here, removed again on failure. */
  fresh: boolean;
  target: (source: InstanceVolume) => { name: string; labels: Record<string, string> };
}

async function copyInto(runtime: Runtime, options: CopyOptions & { scope?: VdcScope; target?: VdcScope }, sources: InstanceVolume[], how: Targeting): Promise<VolumeCopyResult> {
  const instance = options.scope?.instance ?? options.target?.instance ?? '';
  const made: string[] = [];
  try {
    const copies: VolumeCopy[] = [];
    const present = await runtime.listVolumes([`${LABEL.managed}=true`]);
    for (const s of sources) {
      const t = how.target(s);
      const existing = present.find((v) => v.name === t.name);
      if (existing && !sameOwner(existing.labels, t.labels)) {
        throw new EngineError('name_taken', `volume name ${t.name} is taken by a volume this operation does not own`, { retryable: false });
      }
      if (!existing) {
        await runtime.createVolume({ name: t.name, labels: t.labels });
        made.push(t.name);
      } else if (how.fresh) {
        made.push(t.name); // left by an earlier attempt of this very operation: replaced whole
      }
      copies.push({ label: `${s.appliance}/${s.volume}`, source: s.name, target: t.name });
    }
    const copy = await copyVolumes(runtime, {
      ...options,
      name: volumeToolName(options.operationId),
      instance,
      labels: { [LABEL.operation]: options.operationId },
      tag: options.operationId,
      copies,
      writers: how.writers,
    });
    return { volumes: sources.map((s, i) => ({ ...s, name: copies[i].target, bytes: copy.perVolume[i]?.bytes ?? 0 })), copy };
  } catch (error) {
    // Half a copy is no copy: what this call made goes. (A restore's targets are the VDC's own
    // volumes and are never removed; a failed restore leaves them for the next attempt.)
    const stranded: string[] = [];
    for (const name of made) await runtime.removeVolume(name).catch(() => stranded.push(name));
    if (stranded.length > 0 && error instanceof Error) {
      error.message += ` (the partial copies ${stranded.join(', ')} could not be removed: remove them with docker volume rm)`;
    }
    throw error;
  }
}

/** Same managed installation and the same owner labels (VDC or snapshot) as intended. */
function sameOwner(actual: Record<string, string>, intended: Record<string, string>): boolean {
  return [LABEL.instance, LABEL.vdc, LABEL.snapshot, LABEL.appliance, LABEL.volume].every((k) => actual[k] === intended[k]);
}
