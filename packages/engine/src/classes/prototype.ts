// A class prototype (SPEC §3, class patch): a container of one class version that a person changes
// (a script, a terminal session) and then commits as the class's next version. It runs the image
// as root with its entrypoint replaced by an idle loop, so nothing of the appliance starts and
// anything may be installed; it is Colo's own container, never a VDC's: no wire reaches it.
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { ContainerSummary, ExecResult, InteractiveExec, Runtime } from '../runtime/runtime';
import { openContainerShell, type TerminalSize } from '../shell/container-shell';

export const PROTOTYPE_ROLE = 'prototype';
/** Label on a prototype and on committed images: the class version it started from. */
export const CLASS_VERSION_LABEL = 'colo.class-version';

export function prototypeName(instance: string, classId: string): string {
  return `colo-proto-${instance}-${classId}`;
}

export interface PrototypeInfo {
  id: string;
  name: string;
  classId: string;
  /** The version it was opened from. */
  version: number;
  image: string;
  running: boolean;
  online: boolean;
}

export interface OpenPrototypeOptions {
  instance: string;
  classId: string;
  version: number;
  image: string;
  /** On Docker's default bridge, to fetch packages (like an image build); else no network at all. */
  online: boolean;
}

const IDLE = ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 3600 & wait $!; done'];

/** Opens (or returns the open) prototype of a class. One per class: a second open finds the first. */
export async function openPrototype(runtime: Runtime, o: OpenPrototypeOptions): Promise<PrototypeInfo> {
  const current = await findPrototype(runtime, o.instance, o.classId);
  if (current) {
    if (!current.running) await runtime.startContainer(current.id);
    return { ...current, running: true };
  }
  if (!(await runtime.imageId(o.image))) {
    throw new EngineError('image_missing', `image ${o.image} of ${o.classId}@${o.version} is missing: build the catalog (npx tsx scripts/build-catalog.ts)`);
  }
  const name = prototypeName(o.instance, o.classId);
  const id = await runtime.createContainer({
    name,
    Image: o.image,
    Entrypoint: IDLE,
    Cmd: [],
    User: '0',
    WorkingDir: '/',
    Healthcheck: { Test: ['NONE'] },
    Labels: {
      [LABEL.managed]: 'true',
      [LABEL.instance]: o.instance,
      [LABEL.role]: PROTOTYPE_ROLE,
      [LABEL.class]: o.classId,
      [CLASS_VERSION_LABEL]: String(o.version),
      'colo.online': String(o.online),
    },
    HostConfig: {
      NetworkMode: o.online ? 'bridge' : 'none',
      Privileged: false,
      // What installing packages and editing files as root takes, and nothing more.
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'SETUID', 'SETGID', 'KILL'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 1024 ** 3,
      NanoCpus: 1_000_000_000,
      PidsLimit: 512,
      RestartPolicy: { Name: 'no' },
    },
  });
  try {
    await runtime.startContainer(id);
  } catch (error) {
    await runtime.removeContainer(id).catch(() => undefined);
    throw error;
  }
  return { id, name, classId: o.classId, version: o.version, image: o.image, running: true, online: o.online };
}

export async function findPrototype(runtime: Runtime, instance: string, classId: string): Promise<PrototypeInfo | undefined> {
  const [found] = await runtime.listContainers(prototypeFilter(instance, classId));
  return found ? toInfo(found) : undefined;
}

export async function listPrototypes(runtime: Runtime, instance: string): Promise<PrototypeInfo[]> {
  return (await runtime.listContainers(prototypeFilter(instance))).map(toInfo);
}

/** Runs a shell script in the prototype as root; its output and exit status come back. */
export async function runInPrototype(runtime: Runtime, instance: string, classId: string, script: string): Promise<ExecResult> {
  const proto = await requirePrototype(runtime, instance, classId);
  if (!proto.running) await runtime.startContainer(proto.id);
  const res = await runtime.exec(proto.id, ['/bin/sh', '-c', script]);
  return { exitCode: res.exitCode, output: res.output };
}

/** A root shell in the prototype on a terminal of that size (an in-browser terminal session). */
export async function openPrototypeShell(runtime: Runtime, instance: string, classId: string, size: TerminalSize): Promise<InteractiveExec> {
  const proto = await requirePrototype(runtime, instance, classId);
  if (!proto.running) await runtime.startContainer(proto.id);
  return openContainerShell(runtime, proto.id, { ...size, user: '0' });
}

export interface CommitPrototypeOptions {
  instance: string;
  classId: string;
  /** The new version's image reference, `repo:tag`. */
  image: string;
  version: number;
  note: string;
  author: string;
}

/**
 * Saves the prototype as a new image that runs exactly like the version it was opened from (its
 * entrypoint, command, user, health check), then removes the prototype. Returns the image id.
 */
export async function commitPrototype(runtime: Runtime, o: CommitPrototypeOptions): Promise<{ imageId: string; from: number }> {
  const proto = await requirePrototype(runtime, o.instance, o.classId);
  const config = await runtime.imageConfig(proto.image);
  if (!config) throw new EngineError('image_missing', `image ${proto.image}, the prototype's base, is missing: its entrypoint cannot be restored`);
  const colon = o.image.lastIndexOf(':');
  const imageId = await runtime.commitContainer(proto.id, {
    repo: o.image.slice(0, colon),
    tag: o.image.slice(colon + 1),
    comment: o.note,
    author: o.author,
    config,
    // Docker's commit keeps every label of the container the body does not name, and a container
    // inherits its image's labels: unless blanked, each replica of the new version would carry
    // `colo.role=prototype` and be taken for (and discarded as) the class's open prototype.
    labels: { [LABEL.class]: o.classId, [CLASS_VERSION_LABEL]: String(o.version), 'colo.class-base': String(proto.version), [LABEL.role]: '', 'colo.online': '' },
  });
  await runtime.removeContainer(proto.id);
  return { imageId, from: proto.version };
}

export async function discardPrototype(runtime: Runtime, instance: string, classId: string): Promise<boolean> {
  const proto = await findPrototype(runtime, instance, classId);
  if (!proto) return false;
  await runtime.removeContainer(proto.id);
  return true;
}

async function requirePrototype(runtime: Runtime, instance: string, classId: string): Promise<PrototypeInfo> {
  const proto = await findPrototype(runtime, instance, classId);
  if (!proto) throw new EngineError('not_found', `class ${classId} has no open prototype: open one first`);
  return proto;
}

function prototypeFilter(instance: string, classId?: string): string[] {
  const labels = [`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, `${LABEL.role}=${PROTOTYPE_ROLE}`];
  return classId ? [...labels, `${LABEL.class}=${classId}`] : labels;
}

function toInfo(c: ContainerSummary): PrototypeInfo {
  return {
    id: c.id,
    name: c.name,
    classId: c.labels[LABEL.class] ?? '',
    version: Number(c.labels[CLASS_VERSION_LABEL] ?? 0),
    image: c.image,
    running: c.state === 'running',
    online: c.labels['colo.online'] === 'true',
  };
}
