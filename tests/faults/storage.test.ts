// Snapshots and clones against the storage under them, each on a scratch Docker daemon whose data
// root is a loop-mounted filesystem of the test's own: on XFS with reflink a copy shares blocks
// (moments, next to no space); on a small ext4 a copy that cannot fit fails with a clear reason,
// whether refused up front or cut short by a disk that fills mid-copy, and leaves nothing behind
// while the source runs on with its data intact.
//
// A fake VDC: volumes labelled as one appliance's, holding random bulk written once, and a running
// writer that mounts them all and touches only a heartbeat file. The writer makes the copy take
// its two passes (paused for the second); the bulk's checksums are the data's identity.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import {
  type CopyProgress,
  cloneVolumes,
  createDockerRuntime,
  formatBytes,
  type InstanceVolume,
  instanceVolumeName,
  LABEL,
  type Runtime,
  snapshotVolumes,
  snapshotVolumeName,
  snapshotVolumesOf,
  type VdcScope,
  volumeToolImage,
} from '@colo/engine';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ScratchDocker, startScratchDocker } from '../support/scratch-docker';

const MiB = 1024 ** 2;
const BASE_IMAGE = 'debian:bookworm-slim';
const IMAGES = [BASE_IMAGE, volumeToolImage()];
const instance = `faults-storage-${randomBytes(3).toString('hex')}`;
const instanceFilter = [`${LABEL.instance}=${instance}`];

beforeAll(async () => {
  // The scratch daemons get the volume tool from the shared one: build it there if it is missing.
  const { system } = await loadCatalog(templatesRoot(process.env));
  const tool = system.find((s) => s.class.id === 'volume-tool');
  if (!tool) throw new Error('templates/system/volume-tool is missing');
  await ensureClassImage(new Dockerode(), tool, classBuildSettings(process.env));
});

/**
 * A scratch daemon for one describe block, stopped after it even when a test failed; what each
 * test made is removed after it, so the next one starts with the whole filesystem free.
 */
function useScratch(fs: 'xfs' | 'ext4', sizeMiB: number): () => { scratch: ScratchDocker; runtime: Runtime } {
  let scratch: ScratchDocker | undefined;
  let runtime: Runtime | undefined;
  beforeAll(async () => {
    scratch = await startScratchDocker({ fs, sizeMiB, images: IMAGES });
    runtime = createDockerRuntime(scratch.docker);
  });
  afterEach(async () => {
    if (!runtime) return;
    for (const c of await runtime.listContainers(instanceFilter)) await runtime.removeContainer(c.id);
    for (const v of await runtime.listVolumes(instanceFilter)) await runtime.removeVolume(v.name);
  });
  afterAll(async () => {
    await scratch?.stop();
  });
  return () => ({ scratch: scratch!, runtime: runtime! });
}

interface FakeVdc {
  scope: VdcScope;
  /** volume name in the manifest → Docker volume. */
  volumes: Record<string, string>;
  writer: string;
}

async function fakeVdc(runtime: Runtime, sizesMiB: Record<string, number>): Promise<FakeVdc> {
  const vdcId = `vdc_${randomBytes(6).toString('hex')}`;
  const key = `store-${vdcId.slice(4, 10)}`;
  const labels = { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.vdc]: vdcId, [LABEL.revision]: 'rev_1', [LABEL.appliance]: 'db' };
  const volumes: Record<string, string> = {};
  for (const name of Object.keys(sizesMiB)) {
    volumes[name] = instanceVolumeName(key, 'db', name);
    await runtime.createVolume({ name: volumes[name], labels: { ...labels, [LABEL.volume]: name } });
  }
  const fill = Object.entries(sizesMiB).map(([name, mib]) => `head -c ${mib * MiB} /dev/urandom > /v/${name}/bulk`);
  await inContainer(runtime, volumes, fill.join(' && '));
  const writer = `colo-${key}-db-1`;
  const id = await runtime.createContainer({
    name: writer,
    Image: BASE_IMAGE,
    // A failed write (disk full) must not end it: the source runs on whatever the copy does.
    Cmd: ['sh', '-c', 'while :; do for d in /v/*; do { date > "$d/heartbeat"; } 2>/dev/null; done; sleep 0.2; done'],
    Labels: { ...labels, [LABEL.replica]: '1' },
    HostConfig: { Mounts: mountsOf(volumes) },
  });
  await runtime.startContainer(id);
  return { scope: { instance, vdcId }, volumes, writer };
}

function mountsOf(volumes: Record<string, string>) {
  return Object.entries(volumes).map(([name, volume]) => ({ Type: 'volume' as const, Source: volume, Target: `/v/${name}` }));
}

/** Runs `script` in a short-lived container mounting `volumes` under /v/<name>; its output. */
async function inContainer(runtime: Runtime, volumes: Record<string, string>, script: string): Promise<string> {
  const id = await runtime.createContainer({
    name: `colo-${instance}-helper-${randomBytes(3).toString('hex')}`,
    Image: BASE_IMAGE,
    Cmd: ['sleep', 'infinity'],
    Labels: { [LABEL.instance]: instance },
    HostConfig: { Mounts: mountsOf(volumes), NetworkMode: 'none' },
  });
  try {
    await runtime.startContainer(id);
    const { exitCode, output } = await runtime.exec(id, ['sh', '-c', script]);
    if (exitCode !== 0) throw new Error(`helper container: \`${script}\` exited with ${exitCode}: ${output}`);
    return output;
  } finally {
    await runtime.removeContainer(id);
  }
}

/** `<BLAKE2b> <volume>/bulk` lines, sorted: equal for two sets of volumes holding the same data. */
async function checksums(runtime: Runtime, volumes: Record<string, string>): Promise<string[]> {
  const output = await inContainer(runtime, volumes, 'cd /v && b2sum */bulk');
  return [...output.matchAll(/([0-9a-f]{128}) {2}(\S+)/g)].map((m) => `${m[1]} ${m[2]}`).sort();
}

function byVolume(volumes: InstanceVolume[]): Record<string, string> {
  return Object.fromEntries(volumes.map((v) => [v.volume, v.name]));
}

async function expectNothingLeft(runtime: Runtime, snapshotId: string, operationId: string): Promise<void> {
  expect(await runtime.listVolumes([`${LABEL.snapshot}=${snapshotId}`])).toEqual([]);
  expect(await runtime.listContainers([`${LABEL.operation}=${operationId}`])).toEqual([]);
  expect(await runtime.listContainers([...instanceFilter, `${LABEL.role}=volume-tool`])).toEqual([]);
}

async function expectSourceRunsOn(runtime: Runtime, vdc: FakeVdc, original: string[]): Promise<void> {
  expect((await runtime.inspectContainer(vdc.writer))?.state).toBe('running');
  expect(await checksums(runtime, vdc.volumes)).toEqual(original);
}

const newId = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

describe('on XFS with reflink', () => {
  const ctx = useScratch('xfs', 1536);
  const DATA_MIB = 400;

  it('snapshots and clones by reflink: the same data, and next to no space used', async () => {
    const { scratch, runtime } = ctx();
    const vdc = await fakeVdc(runtime, { data: 250, wal: 100, conf: 50 });
    const original = await checksums(runtime, vdc.volumes);
    const snapshotId = newId('snap');

    const beforeSnapshot = await scratch.usedBytes();
    const snapshot = await snapshotVolumes(runtime, { scope: vdc.scope, snapshotId, operationId: newId('op') });
    const snapshotGrowth = (await scratch.usedBytes()) - beforeSnapshot;
    console.log(
      `reflink snapshot of ${formatBytes(snapshot.copy.totalBytes)}: ${snapshot.copy.durationMs} ms (writer paused ${snapshot.copy.pauseMs} ms), space used grew by ${formatBytes(snapshotGrowth)}`,
    );
    expect(snapshot.copy.method).toBe('reflink');
    expect(snapshot.copy.totalBytes).toBeGreaterThanOrEqual(DATA_MIB * MiB);
    expect(snapshot.copy.pauseMs).toBeGreaterThan(0);
    expect(await checksums(runtime, byVolume(snapshot.volumes))).toEqual(original);
    // Shared blocks: a streaming copy would have used all 400 MiB again.
    expect(snapshotGrowth).toBeLessThan(0.1 * DATA_MIB * MiB);

    const target = { instance, vdcId: newId('vdc'), key: `clone-${randomBytes(3).toString('hex')}`, revisionId: 'rev_1' };
    const beforeClone = await scratch.usedBytes();
    const clone = await cloneVolumes(runtime, {
      operationId: newId('op'),
      source: { kind: 'snapshot', instance, snapshotId, expected: await snapshotVolumesOf(runtime, instance, snapshotId) },
      target,
    });
    const cloneGrowth = (await scratch.usedBytes()) - beforeClone;
    console.log(`reflink clone from the snapshot: ${clone.copy.durationMs} ms, space used grew by ${formatBytes(cloneGrowth)}`);
    expect(clone.copy.method).toBe('reflink');
    expect(await checksums(runtime, byVolume(clone.volumes))).toEqual(original);
    expect(cloneGrowth).toBeLessThan(0.1 * DATA_MIB * MiB);

    await expectSourceRunsOn(runtime, vdc, original);
  });
});

describe('on a small ext4 (600 MiB)', () => {
  const ctx = useScratch('ext4', 600);

  it('refuses up front, naming the room needed and the room free, and leaves nothing behind', async () => {
    const { scratch, runtime } = ctx();
    // Sized by what is free after the images: the source takes 60% of it, so what stays free
    // (40%) cannot hold a copy.
    const volumeMiB = Math.floor((0.3 * scratch.freeBytes()) / MiB);
    const vdc = await fakeVdc(runtime, { data: volumeMiB, wal: volumeMiB });
    const original = await checksums(runtime, vdc.volumes);
    const snapshotId = newId('snap');
    const operationId = newId('op');

    const attempt = snapshotVolumes(runtime, { scope: vdc.scope, snapshotId, operationId });
    await expect(attempt).rejects.toMatchObject({ code: 'no_space' });
    const message = await attempt.catch((e: Error) => e.message);
    console.log(`refused up front: ${message}`);
    expect(message).toMatch(/needs \d+(\.\d+)? MiB .* has \d+(\.\d+)? MiB free/);

    await expectNothingLeft(runtime, snapshotId, operationId);
    await expectSourceRunsOn(runtime, vdc, original);
  });

  it('fails with no_space when the disk fills mid-copy, removes the partial copy, and the source runs on', async () => {
    const { scratch, runtime } = ctx();
    // The source takes a quarter of what is free: the up-front check passes with room to spare.
    const volumeMiB = Math.floor((0.125 * scratch.freeBytes()) / MiB);
    const vdc = await fakeVdc(runtime, { data: volumeMiB, wal: volumeMiB });
    const original = await checksums(runtime, vdc.volumes);
    const snapshotId = newId('snap');
    const operationId = newId('op');

    // Deterministic, not a race with a filler container: onProgress is called synchronously,
    // and the first `copy` report comes after the room check and before the first `cp` starts.
    // The callback blocks until the filesystem has all but 2 MiB allocated (fallocate on the
    // mount itself: instant, whatever the size), so every copy runs into ENOSPC.
    const ballast = path.join(scratch.dataRoot, 'ballast');
    const phases: CopyProgress['phase'][] = [];
    // The copy's target, as dockerd keeps it on the filesystem: there when the copy starts.
    const target = path.join(scratch.dataRoot, 'volumes', snapshotVolumeName(snapshotId, 'db', 'data'));
    let filled = false;
    let targetMade = false;
    const onProgress = (p: CopyProgress) => {
      phases.push(p.phase);
      if (p.phase !== 'copy' || filled) return;
      filled = true;
      targetMade = existsSync(target);
      execFileSync('fallocate', ['-l', String(scratch.freeBytes() - 2 * MiB), ballast]);
    };
    try {
      const attempt = snapshotVolumes(runtime, { scope: vdc.scope, snapshotId, operationId, onProgress });
      await expect(attempt).rejects.toMatchObject({ code: 'no_space' });
      const message = await attempt.catch((e: Error) => e.message);
      console.log(`failed mid-copy: ${message}`);
      expect(message).toMatch(/^copying the volumes: no space left on the volume filesystem while writing db\/(data|wal) \(the copy needs/);
      expect(filled && targetMade).toBe(true);
      expect(phases).not.toContain('pause');
      expect(existsSync(target)).toBe(false);

      await expectNothingLeft(runtime, snapshotId, operationId);
      expect((await runtime.inspectContainer(vdc.writer))?.state).toBe('running');
    } finally {
      rmSync(ballast, { force: true });
    }
    // With room again, the data reads back whole.
    await expectSourceRunsOn(runtime, vdc, original);
  });
});
