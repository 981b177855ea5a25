// Snapshot, clone and restore of a VDC's volumes on the real engine. One writer container writes a
// counter to one volume and a log of every value to another, as fast as it can: a copy that is
// consistent across volumes shows the two agreeing (the log at most one value behind the counter);
// a copy taken while it runs does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceVolumeName } from '../src/docker-names';
import { baseLabels, LABEL, type VdcScope } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { cloneVolumes, restoreVolumes, snapshotVolumes, snapshotVolumesOf, unpauseVdc, vdcVolumes, removeSnapshotVolumes } from '../src/volumes/vdc-volumes';
import { cleanupInstance, newVdc, testInstance } from './docker-harness';

const runtime = createDockerRuntime();
const instance = testInstance();
const source = newVdc('vols');
const scope: VdcScope = { instance, vdcId: source.id };
const writerName = `colo-${source.key}-app-1`;
const volume = (name: string) => instanceVolumeName(source.key, 'app', name);

/** A stopped container that mounts `volumes` (as /v/<name>) to read files through the archive API. */
async function reader(volumes: Record<string, string>): Promise<string> {
  return runtime.createContainer({
    name: `colo-${instance}-reader-${Math.random().toString(36).slice(2, 8)}`,
    Image: 'debian:bookworm-slim',
    Cmd: ['true'],
    Labels: { [LABEL.instance]: instance },
    HostConfig: { Mounts: Object.entries(volumes).map(([name, v]) => ({ Type: 'volume', Source: v, Target: `/v/${name}` })) },
  });
}

async function readState(counter: string, log: string): Promise<{ counter: number; logLast: number }> {
  const id = await reader({ counter, log });
  try {
    const c = await runtime.readFile(id, '/v/counter/value');
    // The log grows past the 64 KiB readFile bound: its last value is copied out by the writer's twin.
    const last = await runtime.readFile(id, '/v/log/last');
    return { counter: Number(c?.trim()), logLast: Number(last?.trim()) };
  } finally {
    await runtime.removeContainer(id);
  }
}

beforeAll(async () => {
  for (const v of ['counter', 'log']) {
    await runtime.createVolume({ name: volume(v), labels: { ...baseLabels(scope, 'rev_1'), [LABEL.appliance]: 'app', [LABEL.volume]: v } });
  }
  // Each round writes the counter, then the log's copy of it: between rounds they agree, and a
  // pause between the two writes leaves the log one behind. Some bulk keeps the copy from being instant.
  const id = await runtime.createContainer({
    name: writerName,
    Image: 'debian:bookworm-slim',
    Cmd: [
      'bash',
      '-c',
      'head -c 20000000 /dev/urandom > /log/bulk; i=0; while :; do i=$((i+1)); echo $i > /counter/value.tmp; mv /counter/value.tmp /counter/value; echo $i >> /log/all; echo $i > /log/last; done',
    ],
    Labels: { ...baseLabels(scope, 'rev_1'), [LABEL.appliance]: 'app', [LABEL.replica]: '1' },
    HostConfig: {
      Mounts: [
        { Type: 'volume', Source: volume('counter'), Target: '/counter' },
        { Type: 'volume', Source: volume('log'), Target: '/log' },
      ],
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 ** 2,
    },
  });
  await runtime.startContainer(id);
  // Let it write for a moment, so the copies have something to race.
  await new Promise((r) => setTimeout(r, 1500));
});

afterAll(async () => {
  await cleanupInstance(instance, runtime);
  const leftovers = await runtime.listVolumes([`${LABEL.instance}=${instance}`]);
  await Promise.all(leftovers.map((v) => runtime.removeVolume(v.name)));
});

describe('snapshot', () => {
  const snapshotId = 'snap_testvolumes01';

  it('copies every volume of the VDC consistently, with its writer paused only for the second pass', async () => {
    const phases = new Set<string>();
    const { volumes, copy } = await snapshotVolumes(runtime, { scope, snapshotId, operationId: `op_${instance}`, onProgress: (p) => phases.add(p.phase) });
    expect(volumes.map((v) => `${v.appliance}/${v.volume}`)).toEqual(['app/counter', 'app/log']);
    expect(['copy', 'reflink']).toContain(copy.method);
    expect(copy.totalBytes).toBeGreaterThan(20_000_000);
    const copied = await snapshotVolumesOf(runtime, instance, snapshotId);
    expect(copied.map((v) => v.name)).toEqual(volumes.map((v) => v.name).sort());
    const state = await readState(copied[0].name, copied[1].name);
    expect(state.counter).toBeGreaterThan(0);
    expect(state.counter - state.logLast).toBeGreaterThanOrEqual(0);
    expect(state.counter - state.logLast).toBeLessThanOrEqual(1);
    expect(copy.pauseMs).toBeGreaterThan(0);
    expect(copy.pauseMs).toBeLessThan(copy.durationMs);
    expect([...phases]).toEqual(['measure', 'copy', 'pause', 'sync', 'resume']);

    // The writer runs on, and the snapshot's volumes belong to no VDC (a purge leaves them).
    expect((await runtime.inspectContainer(writerName))?.state).toBe('running');
    const labels = (await runtime.listVolumes([`${LABEL.snapshot}=${snapshotId}`]))[0].labels;
    expect(labels[LABEL.vdc]).toBeUndefined();
    expect(labels[LABEL.snapshotOf]).toBe(source.id);
    // And the volume tool is gone.
    expect(await runtime.listContainers([`${LABEL.operation}=op_${instance}`])).toEqual([]);
  });

  it('clones a snapshot into another VDC: its own volumes, labelled as its own, with the snapshot\'s data', async () => {
    const target = newVdc('copy');
    const targetScope = { instance, vdcId: target.id, key: target.key, revisionId: 'rev_9' };
    const expected = await snapshotVolumesOf(runtime, instance, snapshotId);
    const { volumes } = await cloneVolumes(runtime, {
      operationId: `op_${instance}_c1`,
      source: { kind: 'snapshot', instance, snapshotId, expected },
      target: targetScope,
    });
    expect(volumes.map((v) => v.name)).toEqual([instanceVolumeName(target.key, 'app', 'counter'), instanceVolumeName(target.key, 'app', 'log')]);
    expect((await vdcVolumes(runtime, { instance, vdcId: target.id })).length).toBe(2);
    const fromSnapshot = await readState(expected[0].name, expected[1].name);
    expect(await readState(volumes[0].name, volumes[1].name)).toEqual(fromSnapshot);
  });

  it('clones a live VDC, consistent across its volumes, and the source runs on untouched', async () => {
    const target = newVdc('live');
    const { volumes, copy } = await cloneVolumes(runtime, {
      operationId: `op_${instance}_c2`,
      source: { kind: 'vdc', scope },
      target: { instance, vdcId: target.id, key: target.key, revisionId: 'rev_1' },
    });
    expect(copy.pauseMs).toBeGreaterThan(0);
    const state = await readState(volumes[0].name, volumes[1].name);
    expect(state.counter - state.logLast).toBeGreaterThanOrEqual(0);
    expect(state.counter - state.logLast).toBeLessThanOrEqual(1);
    expect((await runtime.inspectContainer(writerName))?.state).toBe('running');
  });

  it('leaves nothing behind when a clone stops half-way', async () => {
    const target = newVdc('stopped');
    const controller = new AbortController();
    const attempt = cloneVolumes(runtime, {
      operationId: `op_${instance}_c3`,
      source: { kind: 'vdc', scope },
      target: { instance, vdcId: target.id, key: target.key, revisionId: 'rev_1' },
      signal: controller.signal,
      onProgress: (p) => p.phase === 'copy' && controller.abort(),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'aborted' });
    expect(await vdcVolumes(runtime, { instance, vdcId: target.id })).toEqual([]);
    expect(await runtime.listContainers([`${LABEL.operation}=op_${instance}_c3`])).toEqual([]);
    expect((await runtime.inspectContainer(writerName))?.state).toBe('running');
  });

  it('restores the snapshot into the stopped VDC, and refuses while it runs', async () => {
    const expected = await snapshotVolumesOf(runtime, instance, snapshotId);
    const restoreScope = { ...scope, key: source.key, revisionId: 'rev_1' };
    const restore = () => restoreVolumes(runtime, { operationId: `op_${instance}_r`, scope: restoreScope, snapshot: { snapshotId, expected } });
    await expect(restore()).rejects.toMatchObject({ code: 'conflict' });

    await runtime.stopContainer(writerName, 1);
    const before = await readState(volume('counter'), volume('log'));
    const inSnapshot = await readState(expected[0].name, expected[1].name);
    expect(before.counter).toBeGreaterThan(inSnapshot.counter);
    await restore();
    expect(await readState(volume('counter'), volume('log'))).toEqual(inSnapshot);
  });

  it('removes a snapshot\'s volumes, and a paused VDC is thawed by unpauseVdc', async () => {
    expect(await removeSnapshotVolumes(runtime, instance, snapshotId)).toBe(2);
    expect(await snapshotVolumesOf(runtime, instance, snapshotId)).toEqual([]);

    await runtime.startContainer(writerName);
    await runtime.pauseContainer(writerName);
    await runtime.pauseContainer(writerName); // already paused: fine
    expect((await runtime.inspectContainer(writerName))?.state).toBe('paused');
    expect(await unpauseVdc(runtime, scope)).toEqual([writerName]);
    expect((await runtime.inspectContainer(writerName))?.state).toBe('running');
    await runtime.unpauseContainer(writerName); // not paused: fine
  });
});
