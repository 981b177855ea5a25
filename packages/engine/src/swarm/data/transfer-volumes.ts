// Volume data from one Docker engine to another (node to node, node to the manager's snapshot
// store, snapshot store to a node): a volume tool of its own on each side, the source mounted
// read-only, the bytes as Docker's archive stream from one daemon straight into the other's. The
// target's root gets the source root's owner and mode (a tar's `./` entry is not applied).
// All or nothing for what it made: a target volume this call created goes again on failure.
import { Transform } from 'node:stream';
import { EngineError } from '../../engine-error';
import { LABEL } from '../../labels';
import type { Runtime } from '../../runtime/runtime';
import { openVolumeTool, type VolumeTool } from '../../volumes/volume-tool';

export interface VolumeTransfer {
  /** What the user calls it: `db/data`. */
  label: string;
  source: string;
  target: string;
  /** The target volume's labels when made; an existing target must carry the same owner. */
  targetLabels: Record<string, string>;
}

export interface TransferVolumesInput {
  from: Runtime;
  to: Runtime;
  transfers: VolumeTransfer[];
  /** Base name of the two tool containers (`-read`, `-write`): deterministic, so a retry replaces them. */
  toolName: string;
  instance: string;
  labels?: Record<string, string>;
  imageNamespace?: string;
  /** An existing target of the same owner is emptied and filled (else refused). */
  replace: boolean;
  signal?: AbortSignal;
  onProgress?(p: { label: string; index: number; total: number; bytes: number }): void;
  /**
   * Called once both tools are up, right before the first byte, and again (resume) when the last
   * is in or the transfer failed: the writers are paused for the streaming alone.
   */
  hold?: { pause(): Promise<void>; resume(): Promise<void> };
}

export interface TransferredVolume {
  label: string;
  target: string;
  bytes: number;
}

export async function transferVolumes(input: TransferVolumesInput): Promise<{ volumes: TransferredVolume[]; totalBytes: number; durationMs: number }> {
  const started = Date.now();
  const { from, to, transfers } = input;
  if (transfers.length === 0) return { volumes: [], totalBytes: 0, durationMs: 0 };
  const made: string[] = [];
  let reader: VolumeTool | undefined;
  let writer: VolumeTool | undefined;
  let held: TransferVolumesInput['hold'];
  try {
    // Docker would make a missing source on mounting it, and an empty copy would follow.
    const sources = new Set((await from.listVolumes([`${LABEL.managed}=true`])).map((v) => v.name));
    const missing = transfers.filter((t) => !sources.has(t.source));
    if (missing.length > 0) throw new EngineError('not_found', `${missing.map((t) => `${t.label} (volume ${t.source})`).join(', ')}: not found where the data should be`, { retryable: false });
    const present = new Map((await to.listVolumes([`${LABEL.managed}=true`])).map((v) => [v.name, v]));
    for (const t of transfers) {
      const existing = present.get(t.target);
      if (existing && !sameOwner(existing.labels, t.targetLabels)) {
        throw new EngineError('name_taken', `volume name ${t.target} is taken by a volume this operation does not own`, { retryable: false });
      }
      if (existing && !input.replace) throw new EngineError('conflict', `${t.label}: volume ${t.target} exists on the target already`, { retryable: false });
      if (!existing) {
        await to.createVolume({ name: t.target, labels: t.targetLabels });
        made.push(t.target);
      }
    }
    const common = { instance: input.instance, labels: input.labels, imageNamespace: input.imageNamespace, ownContainer: true };
    reader = await openVolumeTool(from, { ...common, name: `${input.toolName}-read`, sources: transfers.map((t) => t.source), targets: [] });
    writer = await openVolumeTool(to, { ...common, name: `${input.toolName}-write`, sources: [], targets: transfers.map((t) => t.target) });
    const volumes: TransferredVolume[] = [];
    await input.hold?.pause();
    held = input.hold;
    for (const [i, t] of transfers.entries()) {
      input.signal?.throwIfAborted();
      const src = reader.sources[i]!;
      const dst = writer.targets[i]!;
      const root = await toolExec(from, reader.id, ['stat', '-c', '%u %g %a', src], `${t.label}: reading its owner`);
      await toolExec(to, writer.id, ['find', dst, '-mindepth', '1', '-delete'], `${t.label}: emptying the target`);
      // Counted on the way through (a 'data' listener would start the flow before the writer
      // reads, and what passed meanwhile would be lost).
      let bytes = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      const tar = await from.readArchive(reader.id, `${src}/.`);
      (tar as NodeJS.ReadableStream).on('error', (error: Error) => counted.destroy(error));
      (tar as NodeJS.ReadableStream).pipe(counted);
      await to.writeArchive(writer.id, dst, counted);
      const [uid, gid, mode] = root.trim().split(/\s+/);
      await toolExec(to, writer.id, ['chown', `${uid}:${gid}`, dst], `${t.label}: setting its owner`);
      await toolExec(to, writer.id, ['chmod', mode ?? '755', dst], `${t.label}: setting its mode`);
      volumes.push({ label: t.label, target: t.target, bytes });
      input.onProgress?.({ label: t.label, index: i + 1, total: transfers.length, bytes });
    }
    await held?.resume();
    held = undefined;
    return { volumes, totalBytes: volumes.reduce((s, v) => s + v.bytes, 0), durationMs: Date.now() - started };
  } catch (error) {
    await held?.resume().catch(() => undefined);
    // The writer mounts the targets: it goes before the volumes it made can.
    await writer?.close().catch(() => undefined);
    writer = undefined;
    for (const name of made) await to.removeVolume(name).catch(() => undefined);
    throw error;
  } finally {
    await reader?.close().catch(() => undefined);
    await writer?.close().catch(() => undefined);
  }
}

async function toolExec(runtime: Runtime, id: string, cmd: string[], what: string): Promise<string> {
  const res = await runtime.exec(id, cmd);
  if (res.exitCode === 0) return res.output.replace(/[^\x20-\x7e\n]/g, '');
  throw new EngineError('step_failed', `${what}: ${res.output.replace(/[^\x20-\x7e\n]/g, '').trim().slice(-200) || `exit ${res.exitCode}`}`);
}

/** Same installation and the same owner labels (VDC or snapshot, appliance, volume). */
function sameOwner(actual: Record<string, string>, intended: Record<string, string>): boolean {
  return [LABEL.instance, LABEL.vdc, LABEL.snapshot, LABEL.appliance, LABEL.volume].every((k) => actual[k] === intended[k]);
}
