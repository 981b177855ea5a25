// The volume-tool container: Colo's own short-lived helper that copies volumes (snapshots, clones,
// restores). It mounts every source read-only under /src/<i> and every target under /dst/<i>,
// idles, and runs the copies through exec (`colo-copy-volume`, templates/system/volume-tool), so
// one container serves every pass of an operation and a pass costs an exec, not a container start.
import { DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';

export const VOLUME_TOOL_CLASS = 'volume-tool';
/** The version in `templates/system/volume-tool/class.yaml`. */
const VOLUME_TOOL_VERSION = 1;

export function volumeToolImage(namespace: string = DEFAULT_IMAGE_NAMESPACE): string {
  return `${namespace}/${VOLUME_TOOL_CLASS}:${VOLUME_TOOL_VERSION}`;
}

export interface VolumeToolOptions {
  /** Its container name (deterministic per operation, so a retry finds and replaces it). */
  name: string;
  instance: string;
  /** Extra labels, e.g. the operation that runs it. */
  labels?: Record<string, string>;
  sources: string[];
  targets: string[];
  /** What the user calls each source/target pair (e.g. `db/data`): errors name it, not /src/<i>. */
  pairNames?: string[];
  imageNamespace?: string;
}

export interface VolumeTool {
  id: string;
  /** Runs `colo-copy-volume ARGS…`; throws EngineError with the tool's own words on failure. */
  run(args: string[], what: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Root inside, for ownership and modes to survive the copy, but with only the capabilities a copy
 * needs (chown, read and write whoever owns a file, keep set-id bits), no network, a read-only
 * root and bounded memory, CPU and processes. It is Colo's own container: no manifest shapes it.
 */
export async function openVolumeTool(runtime: Runtime, options: VolumeToolOptions): Promise<VolumeTool> {
  const image = volumeToolImage(options.imageNamespace);
  if (!(await runtime.imageId(image))) {
    throw new EngineError('image_missing', `image ${image} is missing: build the catalog (npx tsx scripts/build-catalog.ts)`);
  }
  await runtime.removeContainer(options.name);
  const mounts = [
    ...options.sources.map((name, i) => ({ Type: 'volume' as const, Source: name, Target: `/src/${i}`, ReadOnly: true })),
    ...options.targets.map((name, i) => ({ Type: 'volume' as const, Source: name, Target: `/dst/${i}`, ReadOnly: false })),
  ];
  const id = await runtime.createContainer({
    name: options.name,
    Image: image,
    Labels: {
      [LABEL.managed]: 'true',
      [LABEL.instance]: options.instance,
      [LABEL.role]: VOLUME_TOOL_CLASS,
      ...options.labels,
    },
    HostConfig: {
      Mounts: mounts,
      NetworkMode: 'none',
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': 'rw,noexec,nosuid,nodev,size=16m' },
      Memory: 256 * 1024 ** 2,
      NanoCpus: 1_000_000_000,
      PidsLimit: 256,
      RestartPolicy: { Name: 'no' },
    },
  });
  const close = () => runtime.removeContainer(id);
  try {
    await runtime.startContainer(id);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return {
    id,
    close,
    async run(args, what) {
      const res = await runtime.exec(id, ['colo-copy-volume', ...args]);
      if (res.exitCode === 0) return res.output;
      throw copyError(what, res.output, res.exitCode, options.pairNames);
    },
  };
}

/** A failed pass as the user should read it: a full disk named as such, else the tool's last lines. */
export function copyError(what: string, output: string, exitCode: number, pairNames: string[] = []): EngineError {
  // Exec output is multiplexed; keep printable text only.
  const raw = output.replace(/[^\x20-\x7e\n]/g, '');
  const text = raw
    .replace(/\/(src|dst)\/(\d+)/g, (path, side: string, i: string) => {
      const name = pairNames[Number(i)];
      return name ? `${name} (${side === 'src' ? 'source' : 'copy'}):` : path;
    })
    .trim();
  if (/No space left on device|Disk quota exceeded/i.test(text)) {
    // The volume it was writing when the disk filled, when the tool's words say which.
    const writing = /\/dst\/(\d+)/.exec(raw)?.[1];
    const name = writing === undefined ? undefined : pairNames[Number(writing)];
    return new EngineError('no_space', `${what}: no space left on the volume filesystem${name ? ` while writing ${name}` : ''}`);
  }
  const tail = text.split('\n').filter(Boolean).slice(-3).join('; ');
  return new EngineError('step_failed', `${what}: ${tail || `the copy exited with status ${exitCode}`}`);
}
