// bench/snapshot's timed runs: Colo's snapshot and clone calls on a site, each after the page
// cache is dropped, timed from the call to its return plus the syncfs after, with Docker's events
// read back into where the time went. A copy that fails is recorded and reported, not fatal.
import { randomBytes } from 'node:crypto';
import { type CopyProgress, cloneVolumes, removeSnapshotVolumes, snapshotVolumes, snapshotVolumesOf, type VolumeCopyResult, vdcVolumes } from '@colo/engine';
import { breakdownLine, type TimedCopy } from './snapshot-report';
import { type DiskBaseline, dropCaches, type FakeVdc, fakeVdc, flushMs, type Site } from './snapshot-site';
import type { EventTrace } from './snapshot-trace';

export const SNAP_1G = 'snapshot, 1 GiB in 2 volumes';
export const CLONE_1G = 'clone from that snapshot';
export const SNAP_20 = 'snapshot, 20 volumes, 5 writers';
/** Volume sizes of the 20-volume VDC: 5 to 50 MiB, 550 MiB in all. */
export const TWENTY = Array.from({ length: 20 }, (_, i) => 5 + Math.round((45 * i) / 19));

export const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const newId = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

export class CopyRuns {
  readonly traces = new Map<Site, EventTrace>();
  /** Failure messages by `site: what`. */
  private failures = new Map<string, string[]>();

  constructor(
    private instance: string,
    readonly rounds: number,
    private say: (line: string) => void,
  ) {}

  /** `k of N FAILED: why` for copies of `what` on `site` that failed; empty when none did. */
  failedNote(site: Site, what: string): string {
    const why = this.failures.get(`${site.name}: ${what}`);
    return why ? `${why.length} of ${this.rounds} FAILED: ${why[0]}` : '';
  }

  /**
   * Snapshot and clone of 1 GiB in 2 volumes, `rounds` times; with a `disk`, the disk's own copy
   * runs right before each, so each ratio compares copies made moments apart.
   */
  async oneGiB(site: Site, disk?: DiskBaseline): Promise<{ snapshots: TimedCopy[]; clones: TimedCopy[] }> {
    this.say(`${site.name}: writing a VDC of 2 × 512 MiB with a running writer`);
    const vdc = await fakeVdc(site, [512, 512], 1);
    const out = { snapshots: [] as TimedCopy[], clones: [] as TimedCopy[] };
    const diskNow = async () => {
      if (!disk) return undefined;
      const pair = await disk.best();
      this.say(`${site.name}: disk's own copy of 1 GiB: ${pair.map((d) => `${d.limited ? 'limited' : 'unlimited'} cp ${s(d.copyMs)} + syncfs ${s(d.syncMs)}`).join(', ')}`);
      return pair;
    };
    for (let r = 1; r <= this.rounds; r++) {
      const before = await diskNow();
      const snap = await this.snapshot(site, vdc, SNAP_1G);
      if (!snap) continue;
      out.snapshots.push({ ...snap.timed, disk: before });
      const beforeClone = await diskNow();
      const clone = await this.cloneOf(site, snap.snapshotId, CLONE_1G);
      if (clone) out.clones.push({ ...clone, disk: beforeClone });
      await removeSnapshotVolumes(site.runtime, this.instance, snap.snapshotId);
    }
    return out;
  }

  async twentyVolumes(site: Site): Promise<TimedCopy[]> {
    this.say(`${site.name}: writing a VDC of 20 volumes (5–50 MiB) with 5 running writers`);
    const vdc = await fakeVdc(site, TWENTY, 5);
    const out: TimedCopy[] = [];
    for (let r = 1; r <= this.rounds; r++) {
      const snap = await this.snapshot(site, vdc, SNAP_20);
      if (!snap) continue;
      out.push(snap.timed);
      await removeSnapshotVolumes(site.runtime, this.instance, snap.snapshotId);
    }
    return out;
  }

  private async snapshot(site: Site, vdc: FakeVdc, what: string): Promise<{ snapshotId: string; timed: TimedCopy } | undefined> {
    const snapshotId = newId('snap');
    const timed = await this.orFailure(site, what, () =>
      this.timeCopy(site, what, vdc.volumes.length, (operationId, onProgress) => snapshotVolumes(site.runtime, { scope: vdc.scope, snapshotId, operationId, onProgress })),
    );
    return timed && { snapshotId, timed };
  }

  /** A clone of the snapshot into a new VDC's volumes, which are removed again after the timing. */
  private async cloneOf(site: Site, snapshotId: string, what: string): Promise<TimedCopy | undefined> {
    const { instance } = this;
    const expected = await snapshotVolumesOf(site.runtime, instance, snapshotId);
    const target = { instance, vdcId: newId('vdc'), key: `bench-c${randomBytes(3).toString('hex')}`, revisionId: 'rev_1' };
    const timed = await this.orFailure(site, what, () =>
      this.timeCopy(site, what, expected.length, (operationId, onProgress) =>
        cloneVolumes(site.runtime, { operationId, source: { kind: 'snapshot', instance, snapshotId, expected }, target, onProgress }),
      ),
    );
    for (const v of await vdcVolumes(site.runtime, target)) await site.runtime.removeVolume(v.name);
    return timed;
  }

  private async timeCopy(
    site: Site,
    what: string,
    volumes: number,
    fn: (operationId: string, onProgress: (p: CopyProgress) => void) => Promise<VolumeCopyResult>,
  ): Promise<TimedCopy> {
    await dropCaches();
    const operationId = newId('op');
    const marks: TimedCopy['marks'] = {};
    const epoch0 = Date.now();
    const t0 = performance.now();
    const { copy } = await fn(operationId, (p) => {
      marks[p.phase] ??= performance.now() - t0;
    });
    const wallMs = performance.now() - t0;
    const flush = await flushMs(site);
    const trace = this.traces.get(site);
    await trace?.settle();
    const pauseAt = marks.pause === undefined ? undefined : epoch0 + marks.pause;
    const timed: TimedCopy = { site: site.name, what, wallMs, flushMs: flush, copy, volumes, marks, trace: trace?.breakdown(operationId, epoch0, epoch0 + wallMs, pauseAt) };
    this.say(`${site.name}: ${what}: ${s(wallMs)} (+${s(flush)} syncfs), ${copy.method}, paused ${copy.pauseMs} ms; ${breakdownLine(timed)}`);
    return timed;
  }

  private async orFailure<T>(site: Site, what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      const message = (error as Error).message;
      const key = `${site.name}: ${what}`;
      this.failures.set(key, [...(this.failures.get(key) ?? []), message]);
      this.say(`${key} FAILED: ${message}`);
      return undefined;
    }
  }
}
