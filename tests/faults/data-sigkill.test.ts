// The worker SIGKILLed while a snapshot, a clone (live, and from a snapshot) or a restore copies a
// VDC's data, then a new worker started: each operation ends succeeded, or failed with a clear
// error; the source runs on (nothing left paused) with its data whole; and nothing half-made is
// left: no volume tool, no snapshot volume without a ready snapshot, no volume of a clone that was
// never made. One kill per operation, at a random moment after its copy began.
import { type AuthUser, createVdc, getRuntime, type OperationView, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma, type Operation } from '@colo/db';
import { LABEL } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changeData, type DataIdentity, type DataLane, fillData, prepareDataLane, readData } from './harness/data-vdc';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { sleep, waitFor } from './harness/free-port';
import { waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

/** Enough data that a streaming copy takes a moment for the kill to land in. */
const DATA = { files: 3, mib: 64, journalMib: 32 };
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

beforeAll(async () => {
  t = await setupFaultsTest('data-sigkill', inject('dockerDir'));
  lane = await prepareDataLane(t);
  user = await t.user();
  worker = startWorker();
  await worker.ready();
});
afterAll(async () => {
  await t?.teardown();
  lane?.close();
});

interface Source {
  name: string;
  vdcId: string;
  /** Its `store/data` volume. */
  volume: string;
  container: string;
  data: DataIdentity;
}

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

interface Kill {
  killAfterMs: number;
  /** The run's last line when it was killed. */
  lastLine: string;
  midCopy: boolean;
  done: Operation;
}

/**
 * Waits for the operation's `copyNumber`th copy to begin (its worker's line `copying … by …`),
 * kills the worker a random moment later, starts a new one and waits for the operation's end.
 */
async function killDuringCopy(label: string, op: OperationView, copyNumber: number, copiedLine: RegExp): Promise<Kill> {
  const prisma = getPrisma();
  const copying = new RegExp(`${op.id} \\w+ \\S+: copying \\S+ \\S+ by `, 'g');
  await waitFor(`${label} to begin copy ${copyNumber}`, 120_000, async () => {
    if ((worker.output().match(copying) ?? []).length >= copyNumber) return true;
    const row = await prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
    return row.status === 'succeeded' || row.status === 'failed' ? true : undefined;
  }, 20);
  const killAfterMs = Math.floor(Math.random() * KILL_WINDOW_MS);
  await sleep(killAfterMs);
  worker.kill('SIGKILL');
  await worker.exited();
  const lines = worker.output().split('\n').filter((l) => l.includes(`${op.id} `));
  const lastLine = lines.at(-1)?.replace(/^\S+ \S+ \w+ \S+: /, '') ?? '(none)';
  const midCopy = !lines.some((l) => copiedLine.test(l));
  worker = startWorker();
  await worker.ready();
  const done = await waitFinished(op.id, 240_000, () => worker.output().slice(-3000));
  console.log(
    `${label}: killed ${killAfterMs} ms after copy ${copyNumber} began (${midCopy ? 'mid-copy' : 'after the copy'}; last line "${lastLine}"); ` +
      `${done.status} after ${done.attempts} runs${done.error ? `: ${done.error}` : ''}`,
  );
  expect(['succeeded', 'failed']).toContain(done.status);
  if (done.status === 'failed') expect(done.error ?? '', 'a failure says why').toMatch(/\w{3}/);
  return { killAfterMs, lastLine, midCopy, done };
}

/** The source runs, every container of it (none paused), its data as `data`, and it is free. */
async function expectSourceRuns(source: Source, data: DataIdentity): Promise<void> {
  const containers = await getRuntime().listContainers([`${LABEL.vdc}=${source.vdcId}`]);
  expect(containers.map((c) => `${c.name} ${c.state}`)).toEqual([`${source.container} running`]);
  expect(await readData(t, source.volume)).toEqual(data);
  const vdc = await getPrisma().vdc.findUniqueOrThrow({ where: { id: source.vdcId } });
  expect(vdc.activeOperationId).toBeNull();
}

/** No volume tool, no snapshot that is not ready, no snapshot volume without a ready snapshot (and the reverse). */
async function expectNothingHalfMade(): Promise<void> {
  const runtime = getRuntime();
  const prisma = getPrisma();
  expect(await runtime.listContainers([...t.filter, `${LABEL.role}=volume-tool`])).toEqual([]);
  expect(await prisma.snapshot.findMany({ where: { status: { not: 'ready' } }, select: { id: true, status: true } })).toEqual([]);
  const volumes = await runtime.listVolumes([...t.filter, LABEL.snapshot]);
  const ready = await prisma.snapshot.findMany({ where: { status: 'ready' } });
  const expected = ready.flatMap((s) => (s.volumes as { name: string }[]).map((v) => `${s.id} ${v.name}`));
  expect(volumes.map((v) => `${v.labels[LABEL.snapshot]} ${v.name}`).sort()).toEqual(expected.sort());
}

describe('the worker SIGKILLed while an operation copies a VDC\'s data', () => {
  it('snapshot: ends ready or leaves no snapshot; the source runs on, its data whole', async () => {
    const source = await deploySource('snap-src');
    const op = await requestOperation(user, source.name, 'snapshot', { note: 'under fire' });
    const { done } = await killDuringCopy('snapshot', op, 1, /: copied \d+ volumes/);

    const snap = await getPrisma().snapshot.findUnique({ where: { operationId: op.id } });
    if (done.status === 'succeeded') {
      expect(snap?.status).toBe('ready');
      expect((await snapshotData(source.vdcId, snap?.number ?? 0)).data).toEqual(source.data);
    } else {
      expect(snap).toBeNull();
    }
    await expectSourceRuns(source, source.data);
    await expectNothingHalfMade();
  });

  it.each([
    { from: 'the live VDC', snapshot: false },
    { from: 'a snapshot', snapshot: true },
  ])('clone from $from: a whole new VDC that deploys, or none at all; the source runs on', async ({ snapshot }) => {
    const name = snapshot ? 'snapclone-src' : 'liveclone-src';
    const source = await deploySource(name);
    let number: number | undefined;
    let now = source.data;
    if (snapshot) {
      number = await snapshotOf(source);
      // The source goes on after the snapshot: the clone must have the snapshot's data, not this.
      await changeData(source.container, `${name}-later`, 8);
      now = await readData(t, source.volume);
    }
    const op = await requestOperation(user, name, 'clone', { name: `${name}-copy`, ...(number ? { snapshot: number } : {}) });
    const cloneId = (op.params as { vdcId: string }).vdcId;
    const { done } = await killDuringCopy(`clone from ${snapshot ? 'a snapshot' : 'the live VDC'}`, op, 1, /: copied \d+ volumes/);

    const runtime = getRuntime();
    const clone = await getPrisma().vdc.findUnique({ where: { id: cloneId } });
    if (done.status === 'succeeded') {
      expect(clone?.name).toBe(`${name}-copy`);
      const { deployOperation } = done.result as { deployOperation: string };
      await expectSucceeded({ id: deployOperation });
      const containers = await runtime.listContainers([`${LABEL.vdc}=${cloneId}`]);
      expect(containers.map((c) => c.state)).toEqual(['running']);
      const volumes = await runtime.listVolumes([`${LABEL.vdc}=${cloneId}`]);
      expect(volumes.map((v) => v.labels[LABEL.volume])).toEqual(['data']);
      expect(await readData(t, volumes[0].name)).toEqual(source.data);
    } else {
      expect(clone).toBeNull();
      expect(await runtime.listVolumes([`${LABEL.vdc}=${cloneId}`])).toEqual([]);
      expect(await runtime.listContainers([`${LABEL.vdc}=${cloneId}`])).toEqual([]);
    }
    await expectSourceRuns(source, now);
    await expectNothingHalfMade();
  });

  it('restore: the snapshot\'s data back and running, or a failure with a safety snapshot of what was', async () => {
    const source = await deploySource('restore-src');
    const number = await snapshotOf(source);
    await changeData(source.container, 'restore-src-later', 8);
    const later = await readData(t, source.volume);
    expect(later).not.toEqual(source.data);

    const op = await requestOperation(user, source.name, 'restore', { snapshot: number });
    // Copy 1 is the safety snapshot (a snapshot like the one above); copy 2 puts the data back.
    const { done } = await killDuringCopy('restore', op, 2, /: restored \d+ volumes/);

    const safety = await getPrisma().snapshot.findFirst({ where: { vdcId: source.vdcId, note: `before restoring snapshot ${number}` } });
    if (done.status === 'succeeded') {
      expect(safety).not.toBeNull();
      expect(await snapshotData(source.vdcId, safety?.number ?? 0)).toEqual({ status: 'ready', data: later });
      await expectSourceRuns(source, source.data);
    } else if (safety) {
      // Whatever the VDC's volumes hold now, what it had is in the safety snapshot.
      expect(await snapshotData(source.vdcId, safety.number)).toEqual({ status: 'ready', data: later });
    } else {
      await expectSourceRuns(source, later);
    }
    await expectNothingHalfMade();
  });
});
