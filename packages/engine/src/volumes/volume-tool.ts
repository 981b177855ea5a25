// The volume tool: Colo's own helper container that copies volumes (snapshots, clones, restores)
// with `colo-copy-volume` (templates/system/volume-tool) run through exec, an exec per pass.
//
// Two ways to have one, chosen per copy:
// - warm (host-tool.ts): one long-lived tool per installation and daemon that sees the daemon's
//   volume directory, so a copy costs execs only — no container start and removal. Taken when
//   every volume of the copy is a plain directory of the `local` driver under that directory.
// - its own: a container made for the operation that mounts each source read-only under /src/<i>
//   and each target under /dst/<i>, removed after. For any other volume (a plugin's, a bind).
import { DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { hostToolFor } from './host-tool';
import { volumeToolHostConfig } from './tool-container';

export const VOLUME_TOOL_CLASS = 'volume-tool';
/** The version in `templates/system/volume-tool/class.yaml`. */
const VOLUME_TOOL_VERSION = 2;

export function volumeToolImage(namespace: string = DEFAULT_IMAGE_NAMESPACE): string {
  return `${namespace}/${VOLUME_TOOL_CLASS}:${VOLUME_TOOL_VERSION}`;
}

export interface VolumeToolOptions {
  /** Its own container's name (deterministic per operation, so a retry finds and replaces it). */
  name: string;
  instance: string;
  /** Extra labels, e.g. the operation that runs it. */
  labels?: Record<string, string>;
  /** What marks this copy's processes in a warm tool (the operation), so they can be stopped. */
  tag?: string;
  sources: string[];
  targets: string[];
  /** What the user calls each source/target pair (e.g. `db/data`): errors name it, not a path. */
  pairNames?: string[];
  imageNamespace?: string;
  /** Never the warm tool (tests of the other way). */
  ownContainer?: boolean;
}

export interface VolumeTool {
  id: string;
  warm: boolean;
  /** Where the tool sees each source (read-only) and each target, in the order given. */
  sources: string[];
  targets: string[];
  /** Runs `colo-copy-volume ARGS…`; throws EngineError with the tool's own words on failure. */
  run(args: string[], what: string): Promise<string>;
  /** The copy is over: its own container goes; in a warm tool, whatever it still runs is stopped. */
  close(): Promise<void>;
}

export async function openVolumeTool(runtime: Runtime, options: VolumeToolOptions): Promise<VolumeTool> {
  const image = volumeToolImage(options.imageNamespace);
  if (!(await runtime.imageId(image))) {
    throw new EngineError('image_missing', `image ${image} is missing: build the catalog (npx tsx scripts/build-catalog.ts)`);
  }
  const host = options.ownContainer ? undefined : await hostToolFor(runtime, options.instance, image, [...options.sources, ...options.targets]);
  if (host) {
    const tag = options.tag ?? options.name;
    const sources = options.sources.map((v) => `/host-ro/${v}/_data`);
    const targets = options.targets.map((v) => `/host/${v}/_data`);
    const names = pathNames(sources, targets, options.pairNames);
    const run = (args: string[]) => runtime.exec(host, ['env', `COLO_COPY_TAG=${tag}`, 'colo-copy-volume', ...args]);
    return {
      id: host,
      warm: true,
      sources,
      targets,
      async run(args, what) {
        const res = await run(args);
        if (res.exitCode === 0) return res.output;
        throw copyError(what, res.output, res.exitCode, names);
      },
      close: async () => {
        await runtime.exec(host, ['colo-copy-volume', 'cancel', tag]);
      },
    };
  }
  return ownVolumeTool(runtime, image, options);
}

async function ownVolumeTool(runtime: Runtime, image: string, options: VolumeToolOptions): Promise<VolumeTool> {
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
    HostConfig: volumeToolHostConfig(mounts),
  });
  const close = () => runtime.removeContainer(id);
  try {
    await runtime.startContainer(id);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const sources = options.sources.map((_, i) => `/src/${i}`);
  const targets = options.targets.map((_, i) => `/dst/${i}`);
  const names = pathNames(sources, targets, options.pairNames);
  return {
    id,
    warm: false,
    sources,
    targets,
    close,
    async run(args, what) {
      const res = await runtime.exec(id, ['colo-copy-volume', ...args]);
      if (res.exitCode === 0) return res.output;
      throw copyError(what, res.output, res.exitCode, names);
    },
  };
}

/** Each path the tool sees, and what the user reads for it: `db/data (source)`. */
export type PathNames = Map<string, { name: string; side: 'source' | 'copy' }>;

export function pathNames(sources: string[], targets: string[], pairNames: string[] = []): PathNames {
  const names: PathNames = new Map();
  pairNames.forEach((name, i) => {
    if (sources[i]) names.set(sources[i], { name, side: 'source' });
    if (targets[i]) names.set(targets[i], { name, side: 'copy' });
  });
  return names;
}

/** A failed pass as the user should read it: a full disk named as such, else the tool's last lines. */
export function copyError(what: string, output: string, exitCode: number, names: PathNames = new Map()): EngineError {
  // Exec output is multiplexed; keep printable text only.
  const raw = output.replace(/[^\x20-\x7e\n]/g, '');
  const paths = [...names.keys()].sort((a, b) => b.length - a.length);
  let text = raw;
  for (const path of paths) {
    const { name, side } = names.get(path) ?? { name: path, side: 'source' };
    text = text.split(path).join(`${name} (${side}):`);
  }
  text = text.trim();
  if (/No space left on device|Disk quota exceeded/i.test(text)) {
    // The volume it was writing when the disk filled, when the tool's words say which.
    const writing = paths.find((p) => names.get(p)?.side === 'copy' && raw.includes(p));
    const name = writing === undefined ? undefined : names.get(writing)?.name;
    return new EngineError('no_space', `${what}: no space left on the volume filesystem${name ? ` while writing ${name}` : ''}`);
  }
  const tail = text.split('\n').filter(Boolean).slice(-3).join('; ');
  return new EngineError('step_failed', `${what}: ${tail || `the copy exited with status ${exitCode}`}`);
}
