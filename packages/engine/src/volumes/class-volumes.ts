// Class volumes (SPEC §2): read-only content every instance of a class version shares, patched
// once by committing a new version. Each is a named volume filled from the class image's own
// files at the volume's mount path, named by the image's id: a new version, or a rebuilt stock
// image, gets a volume of its own, and every container of one image mounts the same one.
// Volumes are local to one engine: this file and vdc-volumes.ts are where that assumption lives.
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';

export const CLASS_VOLUME_ROLE = 'class-volume';
/** When it was made (ms since the epoch): the sweep leaves young ones to the deploy making them. */
const CREATED_LABEL = 'colo.created';
/** A class volume younger than this is never swept: a deploy may be about to mount it. */
export const CLASS_VOLUME_GRACE_MS = 10 * 60_000;

export interface ClassVolumeMount {
  /** The class's name for the volume (`www`). */
  volume: string;
  mountPath: string;
}

export function classVolumeName(instance: string, imageId: string, volume: string): string {
  return `colo-cv-${instance}-${imageId.replace(/^sha256:/, '').slice(0, 12)}-${volume}`;
}

const filling = new Map<string, Promise<void>>();

/**
 * The class volumes of `image`, present and filled, as Docker mounts (read-only). Filling one
 * creates (and removes) a container of the image with the empty volume at its path: Docker copies
 * the image's files into an empty volume when a container first mounts it. Doing that once, before
 * any replica, means no replica can start on a half-copied volume.
 */
export async function ensureClassVolumes(
  runtime: Runtime,
  options: { instance: string; image: string; classId: string; mounts: ClassVolumeMount[] },
): Promise<{ Type: 'volume'; Source: string; Target: string; ReadOnly: true }[]> {
  if (options.mounts.length === 0) return [];
  const imageId = await runtime.imageId(options.image);
  if (!imageId) throw new EngineError('image_missing', `image ${options.image} of class ${options.classId} is missing`);
  const existing = new Set(
    (await runtime.listVolumes([`${LABEL.instance}=${options.instance}`, `${LABEL.role}=${CLASS_VOLUME_ROLE}`])).map((v) => v.name),
  );
  const out: { Type: 'volume'; Source: string; Target: string; ReadOnly: true }[] = [];
  for (const m of options.mounts) {
    const name = classVolumeName(options.instance, imageId, m.volume);
    if (!existing.has(name)) {
      let pending = filling.get(name);
      if (!pending) {
        pending = fillClassVolume(runtime, { ...options, imageId, name, mount: m }).finally(() => filling.delete(name));
        filling.set(name, pending);
      }
      await pending;
    }
    out.push({ Type: 'volume', Source: name, Target: m.mountPath, ReadOnly: true });
  }
  return out;
}

async function fillClassVolume(
  runtime: Runtime,
  o: { instance: string; image: string; classId: string; imageId: string; name: string; mount: ClassVolumeMount },
): Promise<void> {
  await runtime.createVolume({
    name: o.name,
    labels: {
      [LABEL.managed]: 'true',
      [LABEL.instance]: o.instance,
      [LABEL.role]: CLASS_VOLUME_ROLE,
      [LABEL.class]: o.classId,
      [LABEL.volume]: o.mount.volume,
      'colo.image-id': o.imageId,
      [CREATED_LABEL]: String(Date.now()),
    },
  });
  const filler = `${o.name}-fill`;
  await runtime.removeContainer(filler);
  // Never started: creating it is what copies the files. No network, no capability, bounded.
  await runtime.createContainer({
    name: filler,
    Image: o.image,
    Entrypoint: ['/bin/false'],
    Cmd: [],
    Labels: { [LABEL.managed]: 'true', [LABEL.instance]: o.instance, [LABEL.role]: `${CLASS_VOLUME_ROLE}-fill` },
    HostConfig: {
      NetworkMode: 'none',
      Mounts: [{ Type: 'volume', Source: o.name, Target: o.mount.mountPath, ReadOnly: false }],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 64 * 1024 * 1024,
      PidsLimit: 16,
    },
  });
  await runtime.removeContainer(filler);
}

/**
 * Removes this installation's class volumes no container mounts any more (those of deleted or
 * abandoned versions). A volume a container still uses is left, whatever its state.
 */
export async function sweepClassVolumes(runtime: Runtime, instance: string, graceMs = CLASS_VOLUME_GRACE_MS): Promise<string[]> {
  const [volumes, containers] = await Promise.all([
    runtime.listVolumes([`${LABEL.instance}=${instance}`, `${LABEL.role}=${CLASS_VOLUME_ROLE}`]),
    runtime.listContainers([`${LABEL.instance}=${instance}`]),
  ]);
  const old = volumes.filter((v) => Date.now() - Number(v.labels[CREATED_LABEL] ?? 0) >= graceMs);
  // A filler left by a run that died before removing it holds its volume: it goes first.
  for (const c of containers.filter((x) => x.labels[LABEL.role] === `${CLASS_VOLUME_ROLE}-fill`)) {
    if (old.some((v) => c.volumes.includes(v.name))) await runtime.removeContainer(c.id);
  }
  const used = new Set(containers.filter((c) => c.labels[LABEL.role] !== `${CLASS_VOLUME_ROLE}-fill`).flatMap((c) => c.volumes));
  const removed: string[] = [];
  for (const v of old) {
    if (used.has(v.name)) continue;
    try {
      await runtime.removeVolume(v.name);
      removed.push(v.name);
    } catch {
      // mounted by a container created meanwhile: it stays
    }
  }
  return removed;
}
