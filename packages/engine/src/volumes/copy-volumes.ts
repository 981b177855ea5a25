// Copying a set of volumes consistently: the core of snapshots, clones and restores.
//
// The copy method is the storage's: where the filesystem under the volumes can reflink (XFS,
// btrfs), `cp --reflink` shares blocks and a copy of any size takes moments; elsewhere it is a
// streaming copy. With writers running it goes in two passes: a first copy while they run, then
// the writers are paused and a second pass copies only what changed meanwhile, then they resume.
// The pause window is that second pass, not the whole copy. Without writers one pass is enough.
// A reflink copy of few files is quicker than even the second pass would be (it only compares):
// then the writers are paused for the one reflink pass, and no live pass is made at all.
import { EngineError, isEngineError } from '../engine-error';
import type { Runtime } from '../runtime/runtime';
import { openVolumeTool, type VolumeToolOptions } from './volume-tool';

export type CopyMethod = 'reflink' | 'copy';

export interface VolumeCopy {
  /** What the user reads in progress and errors, e.g. `db/data`. */
  label: string;
  source: string;
  /** A volume that exists already (created by the caller with its labels); its content is replaced. */
  target: string;
}

export interface CopyProgress {
  phase: 'measure' | 'copy' | 'pause' | 'sync' | 'resume';
  /** Bytes in the targets so far, and the sources' total (0 while measuring). */
  copiedBytes: number;
  totalBytes: number;
  message?: string;
}

export interface CopyVolumesInput extends Omit<VolumeToolOptions, 'sources' | 'targets'> {
  copies: VolumeCopy[];
  /** Running containers that write to the sources: paused for the second pass. Empty: one pass. */
  writers: string[];
  signal?: AbortSignal;
  onProgress?: (progress: CopyProgress) => void;
  /** How often progress measures the targets while a copy runs (default 1 s). */
  progressEveryMs?: number;
}

export interface CopyVolumesResult {
  method: CopyMethod;
  /** The sources' size on disk when measured. */
  totalBytes: number;
  perVolume: { label: string; bytes: number }[];
  /** How long the writers were paused (0 when none ran). */
  pauseMs: number;
  durationMs: number;
}

/** Free space a streaming copy leaves on the filesystem for the VDCs that run on it. */
const RESERVE_BYTES = 64 * 1024 ** 2;
/**
 * Up to this many files, a reflink copy runs once with the writers paused: cloning a file costs
 * about what comparing it in a second pass would (~0.1 ms), so a live pass would only add time.
 */
const ONE_PAUSED_PASS_MAX_FILES = 5000;

export async function copyVolumes(runtime: Runtime, input: CopyVolumesInput): Promise<CopyVolumesResult> {
  const started = Date.now();
  const { copies, signal } = input;
  const report = input.onProgress ?? (() => undefined);
  if (copies.length === 0) return { method: 'copy', totalBytes: 0, perVolume: [], pauseMs: 0, durationMs: 0 };
  const tool = await openVolumeTool(runtime, { ...input, sources: copies.map((c) => c.source), targets: copies.map((c) => c.target), pairNames: copies.map((c) => c.label) });
  const pairs = tool.sources.flatMap((src, i) => [src, tool.targets[i]]);
  let paused: string[] = [];
  let pauseMs = 0;
  let totalBytes = 0;
  let copiedBytes = 0;
  const pause = async () => {
    checkAborted(signal);
    report({ phase: 'pause', copiedBytes, totalBytes, message: `pausing ${input.writers.length} containers` });
    paused = input.writers;
    await Promise.all(input.writers.map((w) => pauseWithRetry(runtime, w)));
    return Date.now();
  };
  const unpause = async (pausedAt: number) => {
    await resume(runtime, paused);
    paused = [];
    pauseMs = Date.now() - pausedAt;
    report({ phase: 'resume', copiedBytes, totalBytes, message: `resumed after ${pauseMs} ms` });
  };
  let finished = false;
  try {
    checkAborted(signal);
    report({ phase: 'measure', copiedBytes: 0, totalBytes: 0, message: `measuring ${copies.length} volumes` });
    const probeOutput = await tool.run(['probe', tool.targets[0], ...tool.sources], 'measuring the volumes');
    const probe = parseProbe(probeOutput);
    const measured = parseSources(probeOutput, tool.sources);
    const sizes = measured.map((m) => m.bytes);
    totalBytes = sum(sizes);
    const files = sum(measured.map((m) => m.files));
    // A streaming copy needs the room up front, and leaves some: the source runs on and writes
    // to the same filesystem. A reflink shares blocks and needs next to none.
    const reserve = Math.max(RESERVE_BYTES, Math.round(totalBytes * 0.05));
    if (probe.method === 'copy' && totalBytes + reserve > probe.availBytes) {
      throw new EngineError(
        'no_space',
        `the copy needs ${formatBytes(totalBytes)} (and ${formatBytes(reserve)} left for the running VDC) but the volume filesystem has ${formatBytes(probe.availBytes)} free`,
      );
    }
    const fullCopy = () =>
      tool.run(['full', ...pairs], 'copying the volumes').catch((error) => {
        throw isEngineError(error, 'no_space')
          ? new EngineError('no_space', `${error.message} (the copy needs ${formatBytes(totalBytes)}; ${formatBytes(probe.availBytes)} were free when it began)`)
          : error;
      });
    const how = probe.method === 'reflink' ? 'reflink (copy-on-write)' : 'streaming copy';
    checkAborted(signal);
    if (probe.method === 'reflink' && (input.writers.length === 0 || files <= ONE_PAUSED_PASS_MAX_FILES)) {
      // Moments, whatever the size: one pass, with the writers paused if any.
      const pausedAt = input.writers.length > 0 ? await pause() : 0;
      report({ phase: 'copy', copiedBytes: 0, totalBytes, message: `copying ${formatBytes(totalBytes)} by ${how}${pausedAt ? ', paused' : ''}` });
      await fullCopy();
      copiedBytes = totalBytes;
      if (pausedAt) await unpause(pausedAt);
    } else {
      report({ phase: 'copy', copiedBytes: 0, totalBytes, message: `copying ${formatBytes(totalBytes)} by ${how}` });
      // The second pass copies whatever changed since this moment (the tool allows for clock ticks).
      const firstPassSince = Math.floor(Date.now() / 1000);
      if (probe.method === 'reflink') {
        await fullCopy();
      } else {
        const measure = async () => sum(parseUsage(await tool.run(['usage', ...tool.targets], 'measuring the copies'), tool.targets));
        await withProgress(measure, input.progressEveryMs ?? 1000, (copied) => report({ phase: 'copy', copiedBytes: Math.min(copied, totalBytes), totalBytes }), fullCopy);
      }
      copiedBytes = totalBytes;
      if (input.writers.length > 0) {
        const pausedAt = await pause();
        report({ phase: 'sync', copiedBytes: totalBytes, totalBytes, message: 'copying what changed while paused' });
        await tool.run(['sync', probe.method, String(firstPassSince), ...pairs], 'copying what changed while paused');
        await unpause(pausedAt);
      }
    }
    finished = true;
    return {
      method: probe.method,
      totalBytes,
      perVolume: copies.map((c, i) => ({ label: c.label, bytes: sizes[i] })),
      pauseMs,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    // Stopping the copy kills the tool's pass mid-file; what it prints then ("cp: …") is not why.
    if (signal?.aborted && !isEngineError(error, 'aborted')) throw new EngineError('aborted', 'the copy was stopped');
    throw error;
  } finally {
    // Writers never stay paused because a copy failed; the helper never outlives the operation,
    // and a warm one runs nothing of it on (a pass still running after an abort is stopped).
    if (paused.length > 0) await resume(runtime, paused).catch(() => undefined);
    if (!tool.warm || !finished) await tool.close().catch((error: Error) => report({ phase: 'resume', copiedBytes: 0, totalBytes: 0, message: `removing the volume tool ${tool.id.slice(0, 12)} failed: ${error.message}` }));
  }
}

/**
 * runc on cgroup v1 sometimes fails to freeze a busy container ("unable to freeze") and succeeds
 * a moment later: a few quick tries, instead of failing (and re-copying) the whole operation.
 */
async function pauseWithRetry(runtime: Runtime, container: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runtime.pauseContainer(container);
    } catch (error) {
      if (attempt >= 4 || !/unable to freeze|freezing/i.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

async function resume(runtime: Runtime, containers: string[]): Promise<void> {
  await Promise.all(containers.map((c) => runtime.unpauseContainer(c)));
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('aborted', 'the copy was stopped');
}

export function parseProbe(output: string): { method: CopyMethod; availBytes: number } {
  const method = /method=(reflink|copy)/.exec(output)?.[1] as CopyMethod | undefined;
  const avail = /avail=(\d+)/.exec(output)?.[1];
  if (!method || avail === undefined) throw new EngineError('step_failed', `probing the volume filesystem: unexpected answer "${output.trim()}"`);
  return { method, availBytes: Number(avail) };
}

/** `BYTES DIR` lines (du), in the order of `dirs`; 0 for a directory not answered. */
export function parseUsage(output: string, dirs: string[]): number[] {
  const byDir = new Map<string, number>();
  for (const m of output.matchAll(/^(\d+)\s+(\/\S+)$/gm)) byDir.set(m[2], Number(m[1]));
  return dirs.map((d) => byDir.get(d) ?? 0);
}

/** The probe's `BYTES FILES DIR` line per source, in the order of `dirs`. */
export function parseSources(output: string, dirs: string[]): { bytes: number; files: number }[] {
  const byDir = new Map<string, { bytes: number; files: number }>();
  for (const m of output.matchAll(/^(\d+) (\d+) (\/\S+)$/gm)) byDir.set(m[3], { bytes: Number(m[1]), files: Number(m[2]) });
  return dirs.map((d) => byDir.get(d) ?? { bytes: 0, files: 0 });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Runs `work`, reporting `measure()` every `everyMs` until it settles (and no later). */
async function withProgress<T>(measure: () => Promise<number>, everyMs: number, onValue: (n: number) => void, work: () => Promise<T>): Promise<T> {
  let done = false;
  let wake = () => undefined as void;
  const loop = (async () => {
    while (!done) {
      await new Promise<void>((r) => {
        const timer = setTimeout(r, everyMs);
        wake = () => {
          clearTimeout(timer);
          r();
        };
      });
      if (done) break;
      try {
        onValue(await measure());
      } catch {
        // A measurement is only progress: a failed one is skipped.
      }
    }
  })();
  try {
    return await work();
  } finally {
    done = true;
    wake();
    await loop;
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
