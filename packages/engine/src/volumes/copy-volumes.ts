// Copying a set of volumes consistently: the core of snapshots, clones and restores.
//
// The copy method is the storage's: where the filesystem under the volumes can reflink (XFS,
// btrfs), `cp --reflink` shares blocks and a copy of any size takes moments; elsewhere it is a
// streaming copy. With writers running it goes in two passes: a first copy while they run, then
// the writers are paused and a second pass copies only what changed meanwhile, then they resume.
// The pause window is that second pass, not the whole copy. Without writers one pass is enough.
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

export async function copyVolumes(runtime: Runtime, input: CopyVolumesInput): Promise<CopyVolumesResult> {
  const started = Date.now();
  const { copies, signal } = input;
  const report = input.onProgress ?? (() => undefined);
  if (copies.length === 0) return { method: 'copy', totalBytes: 0, perVolume: [], pauseMs: 0, durationMs: 0 };
  const tool = await openVolumeTool(runtime, { ...input, sources: copies.map((c) => c.source), targets: copies.map((c) => c.target), pairNames: copies.map((c) => c.label) });
  let paused: string[] = [];
  try {
    checkAborted(signal);
    report({ phase: 'measure', copiedBytes: 0, totalBytes: 0, message: `measuring ${copies.length} volumes` });
    const count = String(copies.length);
    const probeOutput = await tool.run(['probe', count], 'measuring the volumes');
    const probe = parseProbe(probeOutput);
    const sizes = parseUsage(probeOutput, copies.length);
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    // A streaming copy needs the room up front, and leaves some: the source runs on and writes
    // to the same filesystem. A reflink shares blocks and needs next to none.
    const reserve = Math.max(RESERVE_BYTES, Math.round(totalBytes * 0.05));
    if (probe.method === 'copy' && totalBytes + reserve > probe.availBytes) {
      throw new EngineError(
        'no_space',
        `the copy needs ${formatBytes(totalBytes)} (and ${formatBytes(reserve)} left for the running VDC) but the volume filesystem has ${formatBytes(probe.availBytes)} free`,
      );
    }
    report({ phase: 'copy', copiedBytes: 0, totalBytes, message: `copying ${formatBytes(totalBytes)} by ${probe.method === 'reflink' ? 'reflink (copy-on-write)' : 'streaming copy'}` });

    // The second pass copies whatever changed since this moment (the tool allows for clock ticks).
    const firstPassSince = Math.floor(Date.now() / 1000);
    const fullCopy = () =>
      tool.run(['full', count], 'copying the volumes').catch((error) => {
        throw isEngineError(error, 'no_space')
          ? new EngineError('no_space', `${error.message} (the copy needs ${formatBytes(totalBytes)}; ${formatBytes(probe.availBytes)} were free when it began)`)
          : error;
      });
    checkAborted(signal);
    if (probe.method === 'reflink') {
      // Moments, whatever the size: nothing to watch.
      await fullCopy();
    } else {
      const measure = async () => sum(parseUsage(await tool.run(['usage', ...copies.map((_, i) => `/dst/${i}`)], 'measuring the copies'), copies.length));
      await withProgress(measure, input.progressEveryMs ?? 1000, (copied) => report({ phase: 'copy', copiedBytes: Math.min(copied, totalBytes), totalBytes }), fullCopy);
    }

    let pauseMs = 0;
    if (input.writers.length > 0) {
      checkAborted(signal);
      report({ phase: 'pause', copiedBytes: totalBytes, totalBytes, message: `pausing ${input.writers.length} containers` });
      const pausedAt = Date.now();
      paused = input.writers;
      await Promise.all(input.writers.map((w) => pauseWithRetry(runtime, w)));
      report({ phase: 'sync', copiedBytes: totalBytes, totalBytes, message: 'copying what changed while paused' });
      await tool.run(['sync', count, String(firstPassSince)], 'copying what changed while paused');
      await resume(runtime, paused);
      paused = [];
      pauseMs = Date.now() - pausedAt;
      report({ phase: 'resume', copiedBytes: totalBytes, totalBytes, message: `resumed after ${pauseMs} ms` });
    }
    return {
      method: probe.method,
      totalBytes,
      perVolume: copies.map((c, i) => ({ label: c.label, bytes: sizes[i] })),
      pauseMs,
      durationMs: Date.now() - started,
    };
  } finally {
    // Writers never stay paused because a copy failed; the helper never outlives the operation.
    if (paused.length > 0) await resume(runtime, paused).catch(() => undefined);
    await tool.close().catch((error: Error) => report({ phase: 'resume', copiedBytes: 0, totalBytes: 0, message: `removing the volume tool ${tool.id.slice(0, 12)} failed: ${error.message}` }));
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

/** `BYTES DIR` lines, in the order asked; exec output carries frame headers, so match, don't split. */
export function parseUsage(output: string, count: number): number[] {
  const sizes = new Array<number>(count).fill(0);
  for (const m of output.matchAll(/(\d+)\s+\/(?:src|dst)\/(\d+)/g)) sizes[Number(m[2])] = Number(m[1]);
  return sizes;
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
