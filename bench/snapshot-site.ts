// bench/snapshot's fixtures: a Docker daemon and the filesystem under its volumes (a "site"),
// fake VDCs on it (labelled volumes of random bulk plus running writers), the disk's own copy of
// a file, and the page cache dropped and flushed between timings. Everything made here carries
// the bench's `colo.instance` label and goes with `clearSite`.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { instanceVolumeName, LABEL, type Runtime, VOLUME_TOOL_LIMITS, type VdcScope } from '@colo/engine';

const run = promisify(execFile);
export const MiB = 1024 ** 2;
export const BASE_IMAGE = 'debian:bookworm-slim';

export interface Site {
  /** What the table calls it, e.g. `ext4 (main daemon)`. */
  name: string;
  runtime: Runtime;
  instance: string;
  /** A path on the filesystem that holds the daemon's volumes, for syncfs. */
  dataRoot: string;
}

/** What every object of a VDC carries (the engine's `baseLabels`, which it does not export). */
export function vdcLabels(scope: VdcScope): Record<string, string> {
  return { [LABEL.managed]: 'true', [LABEL.instance]: scope.instance, [LABEL.vdc]: scope.vdcId, [LABEL.revision]: 'rev_1' };
}

export interface FakeVdc {
  scope: VdcScope;
  key: string;
  volumes: string[];
  writers: string[];
}

/**
 * A VDC as Colo finds it by label: `sizesMiB.length` volumes of random (incompressible) bulk,
 * spread round-robin over `writers` appliances, each with a running container that appends to a
 * log in every volume it mounts ten times a second, so the paused pass has changes to copy.
 */
export async function fakeVdc(site: Site, sizesMiB: number[], writers: number): Promise<FakeVdc> {
  const { runtime, instance } = site;
  const vdcId = `vdc_${randomBytes(6).toString('hex')}`;
  const key = `bench-${vdcId.slice(4, 10)}`;
  const scope = { instance, vdcId };
  const byAppliance: string[][] = Array.from({ length: writers }, () => []);
  const volumes: string[] = [];
  for (const [i] of sizesMiB.entries()) {
    const appliance = `app${i % writers}`;
    const name = instanceVolumeName(key, appliance, `v${i}`);
    await runtime.createVolume({ name, labels: { ...vdcLabels(scope), [LABEL.appliance]: appliance, [LABEL.volume]: `v${i}` } });
    volumes.push(name);
    byAppliance[i % writers].push(name);
  }
  // Filled in parallel: urandom, not the disk, is the slow part.
  const fill = sizesMiB.map((mib, i) => `head -c ${mib * MiB} /dev/urandom > /v/${i}/bulk &`).join(' ');
  await inContainer(site, volumes, `${fill} wait`);
  const ids: string[] = [];
  for (const [w, mounted] of byAppliance.entries()) {
    const id = await runtime.createContainer({
      name: `colo-${key}-app${w}-1`,
      Image: BASE_IMAGE,
      // Shell builtins only: a writer that forks per write would load the machine it measures.
      Cmd: ['sh', '-c', 'i=0; while :; do i=$((i+1)); for d in /v/*; do echo "$i" >> "$d/log"; echo "$i" > "$d/heartbeat"; done; sleep 0.1; done'],
      Labels: { ...vdcLabels(scope), [LABEL.appliance]: `app${w}`, [LABEL.replica]: '1' },
      HostConfig: { Mounts: mounted.map((v, i) => ({ Type: 'volume' as const, Source: v, Target: `/v/${i}` })), NetworkMode: 'none' },
    });
    await runtime.startContainer(id);
    ids.push(id);
  }
  return { scope, key, volumes, writers: ids };
}

/** Runs `script` in a short-lived container mounting `volumes` as /v/0, /v/1, …; its output. */
export async function inContainer(site: Site, volumes: string[], script: string): Promise<string> {
  const id = await site.runtime.createContainer({
    name: `colo-${site.instance}-helper-${randomBytes(3).toString('hex')}`,
    Image: BASE_IMAGE,
    Cmd: ['sleep', 'infinity'],
    Labels: { [LABEL.instance]: site.instance },
    HostConfig: { Mounts: volumes.map((v, i) => ({ Type: 'volume' as const, Source: v, Target: `/v/${i}` })), NetworkMode: 'none' },
  });
  try {
    await site.runtime.startContainer(id);
    const { exitCode, output } = await site.runtime.exec(id, ['sh', '-c', script]);
    if (exitCode !== 0) throw new Error(`helper container: \`${script}\` exited with ${exitCode}: ${output}`);
    return output;
  } finally {
    await site.runtime.removeContainer(id);
  }
}

export interface DiskCopy {
  /** `cp` alone: done when the data is in the page cache. */
  copyMs: number;
  /** Then syncfs: done when it is on the disk. */
  syncMs: number;
  /** Run in a container with the volume tool's memory and CPU limits. */
  limited: boolean;
}

/** The volume tool's limits (packages/engine/src/volumes/tool-container.ts). */
const TOOL_LIMITS = VOLUME_TOOL_LIMITS;

/**
 * The disk's own copy of a 1 GiB file, from volume A to volume B, timed inside a container (no
 * Docker in the way): what no copy of that data on this filesystem can beat. Measured in two
 * containers, one unlimited and one with the volume tool's limits: in a VM, a copy whose page
 * cache is capped can be the faster one (it reuses memory the hypervisor has already backed).
 */
export class DiskBaseline {
  private constructor(
    private site: Site,
    private free: string,
    private limited: string,
  ) {}

  static async open(site: Site, mib: number): Promise<DiskBaseline> {
    const { runtime, instance } = site;
    const vols = ['a', 'b'].map((v) => `colo-${instance}-baseline-${v}`);
    for (const v of vols) await runtime.createVolume({ name: v, labels: { [LABEL.instance]: instance } });
    const ids: string[] = [];
    for (const limits of [{}, TOOL_LIMITS]) {
      const id = await runtime.createContainer({
        name: `colo-${instance}-baseline-${ids.length}`,
        Image: BASE_IMAGE,
        Cmd: ['sleep', 'infinity'],
        Labels: { [LABEL.instance]: instance },
        HostConfig: { Mounts: vols.map((v, i) => ({ Type: 'volume' as const, Source: v, Target: `/${'ab'[i]}` })), NetworkMode: 'none', ...limits },
      });
      await runtime.startContainer(id);
      ids.push(id);
    }
    const baseline = new DiskBaseline(site, ids[0], ids[1]);
    await baseline.sh(ids[0], `head -c ${mib * MiB} /dev/urandom > /a/file && sync -f /a/file`);
    return baseline;
  }

  /** Both ways, the faster first: the disk's copy at that moment. */
  async best(options: { reflink?: boolean } = {}): Promise<[DiskCopy, DiskCopy]> {
    const a = await this.copy(false, options);
    const b = await this.copy(true, options);
    return a.copyMs + a.syncMs <= b.copyMs + b.syncMs ? [a, b] : [b, a];
  }

  /** `cp`, or with `reflink` a `cp --reflink=always`; the target is removed (and flushed) first. */
  private async copy(limited: boolean, options: { reflink?: boolean }): Promise<DiskCopy> {
    const id = limited ? this.limited : this.free;
    await this.sh(id, 'rm -f /b/file && sync -f /b');
    await dropCaches();
    const cp = options.reflink ? 'cp --reflink=always' : 'cp';
    const out = await this.sh(id, `t0=$(date +%s%N); ${cp} /a/file /b/file; t1=$(date +%s%N); sync -f /b/file; t2=$(date +%s%N); echo "times $t0 $t1 $t2"`);
    const m = /times (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`disk baseline: unexpected output ${out}`);
    const [t0, t1, t2] = m.slice(1).map(BigInt);
    return { copyMs: Number(t1 - t0) / 1e6, syncMs: Number(t2 - t1) / 1e6, limited };
  }

  private async sh(id: string, script: string): Promise<string> {
    const { exitCode, output } = await this.site.runtime.exec(id, ['sh', '-c', script]);
    if (exitCode !== 0) throw new Error(`disk baseline: \`${script}\` exited with ${exitCode}: ${output}`);
    return output;
  }
}

let dropNote: string | undefined;

/**
 * Flushes, then drops the page cache, so each copy reads its source from the disk. Needs root on
 * the host; without it copies may read from memory, and `cacheNote()` says so.
 */
export async function dropCaches(): Promise<void> {
  await run('sync');
  const before = cachedMiB();
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    dropNote ??= `page cache dropped before each copy (e.g. ${before} → ${cachedMiB()} MiB cached)`;
  } catch (error) {
    dropNote = `page cache NOT dropped (${(error as Error).message}): sources may be read from memory`;
  }
}

export function cacheNote(): string {
  return dropNote ?? 'page cache never dropped';
}

function cachedMiB(): number {
  const m = /^Cached:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

/** syncfs on the site's filesystem: how long the data a copy left in memory takes to reach the disk. */
export async function flushMs(site: Site): Promise<number> {
  const t0 = performance.now();
  await run('sync', ['-f', site.dataRoot]);
  return performance.now() - t0;
}

/** Every container (paused ones too) and volume of the bench's instance on the site. */
export async function clearSite(site: Site): Promise<void> {
  const filter = [`${LABEL.instance}=${site.instance}`];
  for (const c of await site.runtime.listContainers(filter)) {
    await site.runtime.unpauseContainer(c.id).catch(() => undefined);
    await site.runtime.removeContainer(c.id);
  }
  for (const v of await site.runtime.listVolumes(filter)) await site.runtime.removeVolume(v.name);
}
