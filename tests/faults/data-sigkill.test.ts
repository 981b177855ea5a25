// The worker SIGKILLed while a snapshot, a clone (live, and from a snapshot) or a restore copies a
// VDC's data, then a new worker started: each operation ends succeeded, or failed with a clear
// error; the source runs on (nothing left paused) with its data whole; and nothing half-made is
// left: no volume tool, no snapshot volume without a ready snapshot, no volume of a clone that was
// never made. One kill per operation, at a random moment after its copy began; and the same
// promises when the worker dies in every run and the operation is given up.
import { type AuthUser, createVdc, getRuntime, MAX_RUNS, type OperationView, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma, type Operation } from '@colo/db';
import { LABEL } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changeData, type DataIdentity, type DataLane, fillData, prepareDataLane, readData } from './harness/data-vdc';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { sleep, waitFor } from './harness/free-port';
import { waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

/** 48 MiB: enough that a streaming copy takes a moment for the kill to land in. */
const DATA = { files: 2, mib: 16, journalMib: 16, smallFiles: 20_000 };
/** The kill comes this long at most after the copy's first line. */
const KILL_WINDOW_MS = 1500;

let t: FaultsTest;
let lane: DataLane;
let user: AuthUser;
let worker: WorkerProcess;

function startWorker(): WorkerProcess {
  // A short lease: the killed run's operation is taken over after 5 s instead of 30.
  return t.startWorker({ COLO_TEMPLATES_DIR: lane.templatesDir, COLO_OPERATION_LEASE_SECONDS: '5' });
}

interface Source {
  name: string;
  vdcId: string;
  /** Its `store/data` volume. */
  volume: string;
  container: string;
  /** What its volume holds now. */
  data: DataIdentity;
  /** The uncut snapshot taken before `data` was written, for the cases that start from one. */
  snapshot?: { number: number; data: DataIdentity };
}

/**
 * Every case's source, made at once: four VDCs deployed and filled; the clone-from-snapshot and
 * restore sources snapshotted (uncut), then changed, so their data is no longer the snapshot's.
 */
let sources: Record<'snapshot' | 'liveClone' | 'snapshotClone' | 'restore', Source>;

beforeAll(async () => {
  t = await setupFaultsTest('data-sigkill', inject('dockerDir'));
  lane = await prepareDataLane(t);
  user = await t.user();
  worker = startWorker();
  await worker.ready();
  const [snapshot, liveClone, snapshotClone, restore] = await Promise.all(['snap-src', 'liveclone-src', 'snapclone-src', 'restore-src'].map(deploySource));
  sources = { snapshot, liveClone, snapshotClone, restore };
  await Promise.all(
    [snapshotClone, restore].map(async (source) => {
      source.snapshot = { number: await snapshotOf(source), data: source.data };
      await changeData(source.container, `${source.name}-later`, 8);
      source.data = await readData(t, source.volume);
    }),
  );
});
afterAll(async () => {
  await t?.teardown();
  lane?.close();
});

async function deploySource(name: string): Promise<Source> {
  await createVdc(user, manifestOf(name, [{ name: 'store', class: 'datastore' }]));
  await expectSucceeded(await requestOperation(user, name, 'deploy', {}));
  const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { ownerId: user.id, name } });
  const runtime = getRuntime();
  const [container] = await runtime.listContainers([`${LABEL.vdc}=${vdc.id}`, `${LABEL.appliance}=store`]);
  const [volume] = await runtime.listVolumes([`${LABEL.vdc}=${vdc.id}`, `${LABEL.volume}=data`]);
  await fillData(container.name, { ...DATA, marker: `${name}-original` });
  return { name, vdcId: vdc.id, volume: volume.name, container: container.name, data: await readData(t, volume.name) };
}


async function expectSucceeded(op: Pick<OperationView, 'id'>): Promise<Operation> {
  const done = await waitFinished(op.id, 120_000, () => worker.output().slice(-3000));
  expect(done.status, done.error ?? '').toBe('succeeded');
  return done;
}

/** An uncut snapshot (the base of a clone or restore); its number. */
async function snapshotOf(source: Source): Promise<number> {
  const done = await expectSucceeded(await requestOperation(user, source.name, 'snapshot', {}));
  const snap = await getPrisma().snapshot.findUniqueOrThrow({ where: { operationId: done.id } });
  console.log(`uncut snapshot of ${source.name}: ${snap.durationMs} ms, writers paused ${snap.pauseMs} ms`);
  return snap.number;
}

async function snapshotData(vdcId: string, number: number): Promise<{ status: string; data: DataIdentity }> {
  const snap = await getPrisma().snapshot.findUniqueOrThrow({ where: { vdcId_number: { vdcId, number } } });
  const [volume] = snap.volumes as { name: string }[];
  return { status: snap.status, data: await readData(t, volume.name) };
}

/** Resolves once the operation's `n`th copy began (its worker logged `copying … by …`), or it ended. */
async function copyBegun(op: OperationView, n: number): Promise<void> {
  const copying = new RegExp(`${op.id} \\w+ \\S+: copying \\S+ \\S+ by `, 'g');
  await waitFor(`${op.kind} ${op.id} to begin copy ${n}`, 120_000, async () => {
    if ((worker.output().match(copying) ?? []).length >= n) return true;
    const row = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
    return row.status === 'succeeded' || row.status === 'failed' ? true : undefined;
  }, 20);
}

/** SIGKILLs the worker and starts a new one; the killed worker's output, and when it died. */
async function killWorker(): Promise<{ output: string; killedAt: number }> {
  worker.kill('SIGKILL');
  await worker.exited();
  const killed = { output: worker.output(), killedAt: Date.now() };
  worker = startWorker();
  await worker.ready();
  return killed;
}

/** What the killed run of `op` had got to: its last line, and whether its copy was done. */
function whereKilled(output: string, op: OperationView, copiedLine: RegExp): string {
  const lines = output.split('\n').filter((l) => l.includes(`${op.id} `));
  const last = lines.at(-1)?.replace(/^\S+ \S+ \w+ \S+: /, '') ?? '(none)';
  return `${lines.some((l) => copiedLine.test(l)) ? 'after the copy' : 'mid-copy'}; last line "${last}"`;
}

function outcome(done: Operation, killedAt: number): string {
  const after = ((Date.now() - killedAt) / 1000).toFixed(1);
  return `${done.status} after ${done.attempts} runs, ${after} s after the kill${done.error ? `: ${done.error}` : ''}`;
}

/**
 * Kills the worker a random moment after the operation's `copyNumber`th copy began, and waits for
 * the operation's end under the new worker: succeeded, or failed saying why.
 */
async function killDuringCopy(label: string, op: OperationView, copyNumber: number, copiedLine: RegExp): Promise<Operation> {
  await copyBegun(op, copyNumber);
  const killAfterMs = Math.floor(Math.random() * KILL_WINDOW_MS);
  await sleep(killAfterMs);
  const { output, killedAt } = await killWorker();
  const done = await waitFinished(op.id, 240_000, () => worker.output().slice(-3000));
  console.log(`${label}: killed ${killAfterMs} ms after copy ${copyNumber} began (${whereKilled(output, op, copiedLine)}); ${outcome(done, killedAt)}`);
  expect(['succeeded', 'failed']).toContain(done.status);
  if (done.status === 'failed') expect(done.error ?? '', 'a failure says why').toMatch(/\w{3}/);
  return done;
}

/** The source runs, every container of it (none paused), its data as `data`, and it is free. */
async function expectSourceRuns(source: Source, data: DataIdentity): Promise<void> {
  const containers = await getRuntime().listContainers([`${LABEL.vdc}=${source.vdcId}`]);
  expect(containers.map((c) => `${c.name} ${c.state}`)).toEqual([`${source.container} running`]);
  expect(await readData(t, source.volume)).toEqual(data);
  const vdc = await getPrisma().vdc.findUniqueOrThrow({ where: { id: source.vdcId } });
  expect(vdc.activeOperationId).toBeNull();
}

/**
 * What is half-made, in words: volume tools, snapshots not ready, snapshot volumes without a
 * ready snapshot (and ready snapshots without their volumes), anything of `clones` (the ids of
 * VDCs whose clone failed, so never made).
 */
async function halfMade(clones: string[] = []): Promise<string[]> {
  const runtime = getRuntime();
  const prisma = getPrisma();
  const left: string[] = [];
  for (const c of await runtime.listContainers([...t.filter, `${LABEL.role}=volume-tool`])) left.push(`volume-tool container ${c.name} (${c.state})`);
  for (const s of await prisma.snapshot.findMany({ where: { status: { not: 'ready' } } })) left.push(`snapshot ${s.id} (number ${s.number}) ${s.status}`);
  const ready = (await prisma.snapshot.findMany({ where: { status: 'ready' } })).flatMap((s) => (s.volumes as { name: string }[]).map((v) => v.name));
  const volumes = (await runtime.listVolumes([...t.filter, LABEL.snapshot])).map((v) => v.name);
  for (const v of volumes) if (!ready.includes(v)) left.push(`snapshot volume ${v} without a ready snapshot`);
  for (const v of ready) if (!volumes.includes(v)) left.push(`a ready snapshot's volume ${v} is gone`);
  for (const id of clones) {
    if (await prisma.vdc.findUnique({ where: { id } })) left.push(`VDC row ${id}`);
    for (const v of await runtime.listVolumes([`${LABEL.vdc}=${id}`])) left.push(`volume ${v.name} of VDC ${id}`);
    for (const c of await runtime.listContainers([`${LABEL.vdc}=${id}`])) left.push(`container ${c.name} of VDC ${id}`);
  }
  return left;
}

describe('the worker SIGKILLed while an operation copies a VDC\'s data', () => {
  it('snapshot: ends ready or leaves no snapshot; the source runs on, its data whole', async () => {
    const source = sources.snapshot;
    const op = await requestOperation(user, source.name, 'snapshot', { note: 'under fire' });
    const done = await killDuringCopy('snapshot', op, 1, /: copied \d+ volumes/);

    const snap = await getPrisma().snapshot.findUnique({ where: { operationId: op.id } });
    if (done.status === 'succeeded') {
      expect(snap?.status).toBe('ready');
      expect((await snapshotData(source.vdcId, snap?.number ?? 0)).data).toEqual(source.data);
    } else {
      expect(snap).toBeNull();
    }
    await expectSourceRuns(source, source.data);
    expect(await halfMade()).toEqual([]);
  });

  it.each([
    { from: 'the live VDC', key: 'liveClone' as const },
    { from: 'a snapshot', key: 'snapshotClone' as const },
  ])('clone from $from: a whole new VDC that deploys, or none at all; the source runs on', async ({ from, key }) => {
    const source = sources[key];
    const name = `${source.name}-copy`;
    const op = await requestOperation(user, source.name, 'clone', { name, ...(source.snapshot ? { snapshot: source.snapshot.number } : {}) });
    const cloneId = (op.params as { vdcId: string }).vdcId;
    const done = await killDuringCopy(`clone from ${from}`, op, 1, /: copied \d+ volumes/);

    const runtime = getRuntime();
    const clone = await getPrisma().vdc.findUnique({ where: { id: cloneId } });
    if (done.status === 'succeeded') {
      expect(clone?.name).toBe(name);
      const { deployOperation } = done.result as { deployOperation: string };
      await expectSucceeded({ id: deployOperation });
      const containers = await runtime.listContainers([`${LABEL.vdc}=${cloneId}`]);
      expect(containers.map((c) => c.state)).toEqual(['running']);
      const volumes = await runtime.listVolumes([`${LABEL.vdc}=${cloneId}`]);
      expect(volumes.map((v) => v.labels[LABEL.volume])).toEqual(['data']);
      // From a snapshot: the snapshot's data, not what the source holds now.
      expect(await readData(t, volumes[0].name)).toEqual(source.snapshot?.data ?? source.data);
    }
    await expectSourceRuns(source, source.data);
    expect(await halfMade(done.status === 'succeeded' ? [] : [cloneId])).toEqual([]);
  });

  it('restore: the snapshot\'s data back and running, or a failure with a safety snapshot of what was', async () => {
    const source = sources.restore;
    const snapshot = source.snapshot as { number: number; data: DataIdentity };
    expect(source.data).not.toEqual(snapshot.data);
    const op = await requestOperation(user, source.name, 'restore', { snapshot: snapshot.number });
    // Copy 1 is the safety snapshot (a snapshot like the first case's); copy 2 puts the data back.
    const done = await killDuringCopy('restore', op, 2, /: restored \d+ volumes/);

    const safety = await getPrisma().snapshot.findFirst({ where: { vdcId: source.vdcId, note: `before restoring snapshot ${snapshot.number}` } });
    if (done.status === 'succeeded') {
      expect(safety).not.toBeNull();
      expect(await snapshotData(source.vdcId, safety?.number ?? 0)).toEqual({ status: 'ready', data: source.data });
      await expectSourceRuns(source, snapshot.data);
    } else if (safety) {
      // Whatever the VDC's volumes hold now, what it had is in the safety snapshot.
      expect(await snapshotData(source.vdcId, safety.number)).toEqual({ status: 'ready', data: source.data });
    } else {
      await expectSourceRuns(source, source.data);
    }
    expect(await halfMade()).toEqual([]);
  });

  // A worker that dies in every run: after MAX_RUNS runs the next one gives up at once and marks
  // the operation failed without running it, so no runner cleans up after the killed run. Each
  // kill only adds a run (every run replaces what the last one made), so the state after MAX_RUNS
  // kills is one kill's plus the count: set the count, kill once.
  it('given up after the worker died in every run (snapshot, live clone): failed, the sources run, nothing half-made', async () => {
    const prisma = getPrisma();
    const snapSource = sources.snapshot;
    const cloneSource = sources.liveClone;
    const snap = await requestOperation(user, snapSource.name, 'snapshot', { note: 'given up' });
    const clone = await requestOperation(user, cloneSource.name, 'clone', { name: 'given-up-copy' });
    const cloneId = (clone.params as { vdcId: string }).vdcId;
    await Promise.all([copyBegun(snap, 1), copyBegun(clone, 1)]);
    await prisma.operation.updateMany({ where: { id: { in: [snap.id, clone.id] } }, data: { attempts: MAX_RUNS } });
    const killAfterMs = Math.floor(Math.random() * 500);
    await sleep(killAfterMs);
    const { output, killedAt } = await killWorker();
    for (const op of [snap, clone]) {
      const done = await waitFinished(op.id, 240_000, () => worker.output().slice(-3000));
      console.log(`given-up ${op.kind}: killed ${killAfterMs} ms after both copies began (${whereKilled(output, op, /: copied \d+ volumes/)}); ${outcome(done, killedAt)}`);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/gave up after \d+ runs/);
    }

    // No runner cleans up after a given-up run: the worker's sweep (every COLO_WORKER_SWEEP_SECONDS,
    // 3 s here) removes its volume tool, its unfinished snapshot and the failed clone's volumes.
    const left = await waitFor('the sweep to remove what the given-up copies left', 60_000, async () =>
      (await halfMade([cloneId])).length === 0 ? [] : undefined,
    ).catch(async () => halfMade([cloneId]));
    expect(left).toEqual([]);
    const runtime = getRuntime();
    // The worker's sweep resumes what a given-up copy left paused (every COLO_WORKER_SWEEP_SECONDS).
    for (const source of [snapSource, cloneSource]) {
      await waitFor(`${source.name} to run`, 30_000, async () => {
        const containers = await runtime.listContainers([`${LABEL.vdc}=${source.vdcId}`]);
        return containers.every((c) => c.state === 'running') ? true : undefined;
      });
      await expectSourceRuns(source, source.data);
    }
  });
});
