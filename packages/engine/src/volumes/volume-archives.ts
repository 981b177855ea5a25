// Volumes as tar streams, for moving a VDC's data to another Colo: read a snapshot's volumes out,
// fill a new VDC's volumes in. Both go through a volume-tool container of their own (no network,
// the copier's capabilities only) that mounts just the volumes in question, read-only when read,
// and Docker's archive API: nothing runs in the tool to read, and a tar is unpacked by the daemon
// into that one mount (it refuses links that lead out; the importer refused them before).
import { createHash } from 'node:crypto';
import { instanceVolumeName } from '../docker-names';
import { EngineError } from '../engine-error';
import { baseLabels, LABEL, type VdcScope } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { openVolumeTool } from './volume-tool';

export interface VolumeArchiveToolOptions {
  /** The tool container's name: deterministic for the request, so a retry replaces it. */
  name: string;
  instance: string;
  /** When the transfer is given up at the latest: past it, the sweep removes a tool left behind. */
  until: Date;
  labels?: Record<string, string>;
  imageNamespace?: string;
}

/**
 * The role of a transfer's tool: not an operation's (whose tools the copy sweep removes once the
 * operation is over), but one removed once past its deadline (transferToolsPastDeadline).
 */
export const TRANSFER_TOOL_ROLE = 'volume-tool-transfer';
const UNTIL_LABEL = 'colo.transfer-until';

function transferTool(options: VolumeArchiveToolOptions) {
  return { ...options, labels: { ...options.labels, [LABEL.role]: TRANSFER_TOOL_ROLE, [UNTIL_LABEL]: String(options.until.getTime()) } };
}

/** Transfer tools whose deadline has passed (their worker died, or forgot them): to remove. */
export async function transferToolsPastDeadline(runtime: Runtime, instance: string, now = Date.now()): Promise<{ id: string; name: string }[]> {
  const tools = await runtime.listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, `${LABEL.role}=${TRANSFER_TOOL_ROLE}`]);
  return tools.filter((t) => !(Number(t.labels[UNTIL_LABEL]) > now)).map((t) => ({ id: t.id, name: t.name }));
}

export interface VolumeReader {
  /** Volume `index` as a tar whose entries are relative to its root (`./`, `./file`…). */
  read(index: number): Promise<NodeJS.ReadableStream>;
  close(): Promise<void>;
}

/** Opens the volumes (a snapshot's: they do not change) for reading as tar streams. */
export async function openVolumeReader(runtime: Runtime, options: VolumeArchiveToolOptions & { volumes: string[] }): Promise<VolumeReader> {
  const tool = await openVolumeTool(runtime, { ...transferTool(options), sources: options.volumes, targets: [], ownContainer: true });
  return {
    read: (index) => runtime.readArchive(tool.id, `${tool.sources[index]}/.`),
    close: () => tool.close(),
  };
}

/** A volume's tar size and sha256, read once without keeping it. */
export async function measureVolumeArchive(stream: NodeJS.ReadableStream): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

export interface VolumeFill {
  appliance: string;
  volume: string;
  /** The volume root's owner and mode as exported: Docker does not apply a tar's `./` entry. */
  root?: { uid: number; gid: number; mode: number };
}

export interface FillVolumesInput extends VolumeArchiveToolOptions {
  /** The new VDC: its volumes are named for its Docker key and labelled as its own, so its first deploy adopts them. */
  target: VdcScope & { key: string; revisionId: string };
  volumes: VolumeFill[];
  /** Volume `index`'s tar, asked for in order once the one before is in. */
  next: (index: number) => Promise<NodeJS.ReadableStream>;
}

/**
 * Makes the new VDC's instance volumes and unpacks each tar into its own. All or nothing: on any
 * failure the volumes this call made are removed. A volume that exists already is refused.
 */
export async function fillVolumes(runtime: Runtime, input: FillVolumesInput): Promise<{ volumes: string[] }> {
  const names = input.volumes.map((v) => instanceVolumeName(input.target.key, v.appliance, v.volume));
  const present = new Set((await runtime.listVolumes([`${LABEL.managed}=true`])).map((v) => v.name));
  const taken = names.filter((n) => present.has(n));
  if (taken.length > 0) throw new EngineError('name_taken', `volume ${taken.join(', ')} exists already: data is only put into a new VDC's new volumes`, { retryable: false });
  const made: string[] = [];
  try {
    for (const [i, v] of input.volumes.entries()) {
      await runtime.createVolume({ name: names[i], labels: { ...baseLabels(input.target, input.target.revisionId), [LABEL.appliance]: v.appliance, [LABEL.volume]: v.volume } });
      made.push(names[i]);
    }
    if (names.length === 0) return { volumes: [] };
    const tool = await openVolumeTool(runtime, { ...transferTool(input), sources: [], targets: names, ownContainer: true });
    try {
      for (const [i, v] of input.volumes.entries()) {
        const path = tool.targets[i];
        await runtime.writeArchive(tool.id, path, await input.next(i));
        if (v.root) {
          const { uid, gid, mode } = v.root;
          for (const cmd of [
            ['chown', `${uid}:${gid}`, path],
            ['chmod', (mode & 0o7777).toString(8), path],
          ]) {
            const res = await runtime.exec(tool.id, cmd);
            if (res.exitCode !== 0) throw new EngineError('step_failed', `${v.appliance}/${v.volume}: setting its owner and mode failed: ${res.output.replace(/[^\x20-\x7e]/g, '').slice(-200)}`);
          }
        }
      }
    } finally {
      await tool.close().catch(() => undefined);
    }
    return { volumes: names };
  } catch (error) {
    for (const name of made) await runtime.removeVolume(name).catch(() => undefined);
    throw error;
  }
}
