// bench/snapshot: how fast Colo snapshots and clones a VDC's volumes, against this machine's own
// disk, measured in one run and printed as one table.
//
//   npx tsx bench/snapshot.ts [--rounds N]     (default 3)
//
//   disk         the disk's own copy of a 1 GiB file (`cp`, then syncfs), timed inside a container
//                on the main daemon's volume filesystem: the physical limit of a streaming copy.
//                Made right before each of Colo's copies, so each ratio compares neighbours.
//   streaming    Colo's snapshot of a running VDC holding 1 GiB in 2 volumes, and a clone from
//                that snapshot, on the main daemon; then the pause window of 20 volumes, 5 writers
//   CoW          the same on a scratch dockerd whose data root is a loop-mounted XFS with reflink
//                (tests/support/scratch-docker.ts): time per volume and the pause window
//   entry switch not measured here: bench/entry.ts
// The page cache is flushed and dropped before every timed copy. Colo's copy (`cp -a`) does not
// fsync: it is compared as returned and, with a syncfs after it, as on disk, each against the
// disk's copy measured the same way. Docker's events say where each copy's time went. Only this
// run's objects are touched (`colo.instance=bench-<random>`), and all go at the end, failed or not.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { createDockerRuntime, VOLUME_TOOL_LIMITS, volumeToolImage } from '@colo/engine';
import Dockerode from 'dockerode';
import { type ScratchDocker, startScratchDocker } from '../tests/support/scratch-docker';
import { printReport, type Row, type TimedCopy, verdict } from './snapshot-report';
import { CLONE_1G, CopyRuns, s, SNAP_1G, SNAP_20, TWENTY } from './snapshot-runs';
import { BASE_IMAGE, cacheNote, clearSite, DiskBaseline, type DiskCopy, type Site } from './snapshot-site';
import { EventTrace } from './snapshot-trace';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npx tsx bench/snapshot.ts [--rounds N>=1]');
  process.exit(2);
}

const instance = `bench-${randomBytes(3).toString('hex')}`;
const say = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const byTotal = <T>(xs: T[], total: (t: T) => number): T => [...xs].sort((a, b) => total(a) - total(b))[Math.floor((xs.length - 1) / 2)];
const worst = <T>(xs: T[], total: (t: T) => number): T => [...xs].sort((a, b) => total(b) - total(a))[0];
const median = (xs: number[]) => byTotal(xs, (v) => v);
const onDisk = (t: TimedCopy) => t.wallMs + t.flushMs;
const diskTotal = (d: DiskCopy) => d.copyMs + d.syncMs;
const join = (...notes: string[]) => notes.filter(Boolean).join('; ');

function failedRow(runs: CopyRuns, site: Site, what: string, figure: string, target: string): Row {
  return { figure, measured: 'no copy succeeded', target, verdict: verdict(false), note: runs.failedNote(site, what) };
}

async function fsType(path: string): Promise<string> {
  const { stdout } = await promisify(execFile)('findmnt', ['-n', '-o', 'FSTYPE', '--target', path]);
  return stdout.trim();
}

const runs = new CopyRuns(instance, rounds, say);
const sites: Site[] = [];
let scratch: ScratchDocker | undefined;

let tearing: Promise<void> = Promise.resolve();

/** Removes what the run made; calls queue up, so an interrupt and the run's own end never overlap. */
function teardown(): Promise<void> {
  tearing = tearing.then(async () => {
    for (const site of sites) await clearSite(site).catch((e) => say(`cleaning up ${site.name}: ${(e as Error).message}`));
  });
  return tearing;
}

async function main(): Promise<void> {
  const started = performance.now();
  const load0 = loadavg()[0];
  const docker = new Dockerode();
  if (!(await docker.getImage(BASE_IMAGE).inspect().catch(() => undefined))) throw new Error(`${BASE_IMAGE} is missing: docker pull ${BASE_IMAGE}`);
  const { system } = await loadCatalog(templatesRoot(process.env));
  const tool = system.find((c) => c.class.id === 'volume-tool');
  if (!tool) throw new Error('templates/system/volume-tool is missing');
  await ensureClassImage(docker, tool, classBuildSettings(process.env));

  const dataRoot = (await docker.info()).DockerRootDir as string;
  const mainFs = await fsType(dataRoot);
  const main: Site = { name: `${mainFs} (main daemon)`, runtime: createDockerRuntime(docker), instance, dataRoot };
  sites.push(main);
  runs.traces.set(main, await EventTrace.open(docker, instance));
  const rows: Row[] = [];
  const shown: TimedCopy[] = [];
  say(`bench/snapshot: instance ${instance}, ${rounds} round(s), ${cpus().length} CPUs, main daemon's volumes on ${mainFs} (${dataRoot})`);

  // 1 and 2: the disk's own copy and Colo's streaming copies, alternating so drift hits both.
  say(`${main.name}: writing 1 GiB of random data for the disk's own copy`);
  const disk = await DiskBaseline.open(main, 1024);
  const streaming = await runs.oneGiB(main, disk);
  await clearSite(main);
  const pairs = [...streaming.snapshots, ...streaming.clones].filter((t) => t.disk);
  if (pairs.length > 0) {
    const best = pairs.map((t) => (t.disk as DiskCopy[])[0]);
    const d = byTotal(best, diskTotal);
    const way = (limited: boolean) => s(median(pairs.map((t) => diskTotal((t.disk as DiskCopy[]).find((c) => c.limited === limited) as DiskCopy))));
    rows.push({
      figure: `disk's own copy of a 1 GiB file (${mainFs})`,
      measured: `cp ${s(d.copyMs)} + syncfs ${s(d.syncMs)} = ${s(diskTotal(d))} (${Math.round(1024 / (diskTotal(d) / 1000))} MiB/s)`,
      target: '',
      verdict: '',
      note: `the physical limit: the faster of cp unlimited (median ${way(false)}) and with the tool's limits (${VOLUME_TOOL_LIMITS.Memory / 1024 ** 2} MiB, ${VOLUME_TOOL_LIMITS.NanoCpus / 1e9} CPUs: ${way(true)}), in a container, timed inside it; ${pairs.length} copies from ${s(Math.min(...best.map(diskTotal)))} to ${s(Math.max(...best.map(diskTotal)))}; ${cacheNote()}`,
    });
  }
  for (const [kind, what, copies] of [['snapshot', SNAP_1G, streaming.snapshots], ['clone from the snapshot', CLONE_1G, streaming.clones]] as const) {
    const figure = `streaming ${kind}, 1 GiB in 2 volumes`;
    if (copies.length === 0) {
      rows.push(failedRow(runs, main, what, figure, '≤ 1.25× the disk'));
      continue;
    }
    const diskOf = (t: TimedCopy) => (t.disk as DiskCopy[])[0];
    const ratio = (t: TimedCopy) => onDisk(t) / diskTotal(diskOf(t));
    const t = byTotal(copies, ratio);
    shown.push(t);
    // The tool's page cache is capped, so its copy pass writes back as it goes (the syncfs after is short).
    const copyPass = t.trace ? `; its copy pass alone (the \`full\` execs) ${s(t.trace.fullMs)} = ${x(t.trace.fullMs / diskTotal(diskOf(t)))}` : '';
    const note = join(`each against the disk's copy just before it; rounds ${copies.map((r) => x(ratio(r))).join(', ')}${copyPass}`, runs.failedNote(main, what));
    rows.push({ figure, measured: `${s(t.wallMs)} + syncfs ${s(t.flushMs)} = ${s(onDisk(t))} = ${x(ratio(t))} the disk's`, target: '≤ 1.25× the disk', verdict: verdict(ratio(t) <= 1.25), note });
    const bare = t.wallMs / diskOf(t).copyMs;
    rows.push({ figure: `  streaming ${kind}, as returned (no syncfs either side)`, measured: `${s(t.wallMs)} = ${x(bare)} the disk's cp`, target: '≤ 1.25× the disk', verdict: verdict(bare <= 1.25), note: "Colo's cp -a does not fsync; the other side neither" });
  }
  if (streaming.snapshots.length > 0) {
    const p = worst(streaming.snapshots, (t) => t.copy.pauseMs);
    rows.push({ figure: 'pause window, 1 GiB in 2 volumes, 1 writer', measured: `${p.copy.pauseMs} ms (worst of ${streaming.snapshots.length})`, target: '', verdict: '', note: 'the second (rsync) pass' });
  }

  // 3: the pause window of 20 volumes on the main daemon's filesystem.
  const twenty = await runs.twentyVolumes(main);
  await clearSite(main);
  const figure20 = `pause window, 20 volumes, 5 writers (${mainFs}, two-phase)`;
  if (twenty.length === 0) rows.push(failedRow(runs, main, SNAP_20, figure20, '≤ 2 s'));
  else {
    const p20 = worst(twenty, (t) => t.copy.pauseMs);
    shown.push(p20);
    const note = join(`rounds ${twenty.map((t) => t.copy.pauseMs).join(', ')} ms; whole snapshot ${s(p20.wallMs)}`, runs.failedNote(main, SNAP_20));
    rows.push({ figure: figure20, measured: `${p20.copy.pauseMs} ms (worst)`, target: '≤ 2 s', verdict: verdict(p20.copy.pauseMs <= 2000), note });
  }

  // 4: copy-on-write on a scratch daemon over XFS with reflink.
  say('starting a scratch dockerd on a 4 GiB loop-mounted XFS with reflink');
  scratch = await startScratchDocker({ fs: 'xfs', sizeMiB: 4096, images: [BASE_IMAGE, volumeToolImage()] });
  const xfs: Site = { name: 'xfs (scratch daemon)', runtime: createDockerRuntime(scratch.docker), instance, dataRoot: scratch.dataRoot };
  sites.push(xfs);
  runs.traces.set(xfs, await EventTrace.open(scratch.docker, instance));
  const [floor] = await (await DiskBaseline.open(xfs, 1024)).best({ reflink: true });
  await clearSite(xfs);
  rows.push({ figure: 'reflink copy of a 1 GiB file (xfs)', measured: `cp --reflink ${s(floor.copyMs)} + syncfs ${s(floor.syncMs)}`, target: '', verdict: '', note: 'the physical limit; in a container, timed inside it' });
  const cow = await runs.oneGiB(xfs);
  await clearSite(xfs);
  for (const [kind, what, copies] of [['snapshot', SNAP_1G, cow.snapshots], ['clone from the snapshot', CLONE_1G, cow.clones]] as const) {
    const figure = `CoW ${kind}, 1 GiB in 2 volumes`;
    if (copies.length === 0) {
      rows.push(failedRow(runs, xfs, what, figure, '≤ 0.1 s per volume'));
      continue;
    }
    const t = byTotal(copies, (c) => c.wallMs);
    shown.push(t);
    const perVolume = t.wallMs / t.volumes;
    const note = join(`method ${t.copy.method}`, t.copy.pauseMs ? `paused ${t.copy.pauseMs} ms` : '', runs.failedNote(xfs, what));
    rows.push({ figure, measured: `${s(t.wallMs)} = ${s(perVolume)} per volume`, target: '≤ 0.1 s per volume', verdict: verdict(perVolume <= 100), note });
  }
  const cow20 = await runs.twentyVolumes(xfs);
  await clearSite(xfs);
  if (cow20.length === 0) {
    rows.push(failedRow(runs, xfs, SNAP_20, 'CoW snapshot, 20 volumes, 5 writers', '≤ 0.1 s per volume'));
    rows.push(failedRow(runs, xfs, SNAP_20, 'pause window, 20 volumes, 5 writers (xfs, CoW)', '≤ 0.6 s'));
  } else {
    const c20 = byTotal(cow20, (c) => c.wallMs);
    shown.push(c20);
    rows.push({ figure: 'CoW snapshot, 20 volumes, 5 writers', measured: `${s(c20.wallMs)} = ${s(c20.wallMs / 20)} per volume`, target: '≤ 0.1 s per volume', verdict: verdict(c20.wallMs / 20 <= 100), note: `method ${c20.copy.method}` });
    if (cow.snapshots.length > 0) {
      // What one more volume costs, with the fixed cost of an operation set apart.
      const c2 = byTotal(cow.snapshots, (c) => c.wallMs);
      const perVolume = (c20.wallMs - c2.wallMs) / 18;
      const fixed = c2.wallMs - 2 * perVolume;
      rows.push({ figure: '  each volume more (20- against 2-volume snapshot)', measured: `${s(perVolume)} per volume, on ${s(fixed)} fixed`, target: '≤ 0.1 s per volume', verdict: verdict(perVolume <= 100), note: 'fixed: the volume tool, its probe, the pause and the removal; 5 writers against 1' });
    }
    const p = worst(cow20, (t) => t.copy.pauseMs);
    const note = join(`rounds ${cow20.map((t) => t.copy.pauseMs).join(', ')} ms`, runs.failedNote(xfs, SNAP_20));
    rows.push({ figure: 'pause window, 20 volumes, 5 writers (xfs, CoW)', measured: `${p.copy.pauseMs} ms (worst)`, target: '≤ 0.6 s', verdict: verdict(p.copy.pauseMs <= 600), note });
  }
  rows.push({ figure: 'entry switch takes effect', measured: 'not measured', target: '≤ 1 s', verdict: 'skip', note: 'the engine test entries.integration.test.ts prints it' });

  printReport(rows, shown, { rounds, cpus: cpus().length, mainFs, runMs: performance.now() - started, load: [load0, loadavg()[0]] });
}

process.once('SIGINT', () => {
  say('interrupted: cleaning up');
  // The run goes on until its next Docker call fails: a second pass takes what it made meanwhile.
  void teardown()
    .then(() => new Promise((r) => setTimeout(r, 2000)))
    .then(teardown)
    .then(() => scratch?.stop())
    .catch((e) => say(`cleaning up: ${(e as Error).message}`))
    .finally(() => process.exit(130));
});

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`bench/snapshot failed: ${(error as Error).stack ?? error}`);
} finally {
  for (const trace of runs.traces.values()) trace.close();
  await teardown();
  await scratch?.stop().catch((e) => say(`scratch daemon: ${(e as Error).message}`));
}
process.exit(failed ? 1 : 0);
