// Volumes as tar streams on the real engine: a volume read out twice gives the same bytes (the
// export measures, then streams), and filling a new VDC's volume from it gives the same files with
// the root's owner and mode (which Docker's unpacking leaves alone). A tar Docker refuses (a link
// leading out) leaves no volume behind, and an existing volume is never filled.
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { instanceVolumeName } from '../src/docker-names';
import { isEngineError } from '../src/engine-error';
import { LABEL } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { fillVolumes, measureVolumeArchive, openVolumeReader, transferToolsPastDeadline } from '../src/volumes/volume-archives';
import { cleanupInstance, testInstance } from './docker-harness';

const runtime = createDockerRuntime();
const instance = testInstance();

async function inVolume(volume: string, script: string): Promise<string> {
  const id = await runtime.createContainer({
    name: `colo-${instance}-sh-${Math.random().toString(36).slice(2, 8)}`,
    Image: 'debian:bookworm-slim',
    Cmd: ['sleep', '60'],
    Labels: { [LABEL.instance]: instance },
    HostConfig: { Mounts: [{ Type: 'volume' as const, Source: volume, Target: '/v' }] },
  });
  try {
    await runtime.startContainer(id);
    const res = await runtime.exec(id, ['bash', '-c', script]);
    const text = res.output.replace(/[^\x20-\x7e\n]/g, '');
    if (res.exitCode !== 0) throw new Error(`script failed (${res.exitCode}): ${text}`);
    return text.trim();
  } finally {
    await runtime.removeContainer(id);
  }
}

async function bufferOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

afterAll(async () => {
  await cleanupInstance(instance, runtime);
});

const target = (vdcId: string) => ({ instance, vdcId, key: `${vdcId}-${instance}`, revisionId: 'rev_1' });
const tool = (what: string) => ({ name: `colo-${instance}-${what}-volume-tool`, instance, until: new Date(Date.now() + 60_000) });

describe('volume archives', () => {
  it('reads a volume out the same twice and fills a new VDC volume with its files, owner and mode', async () => {
    const source = `colo-${instance}-source`;
    await runtime.createVolume({ name: source, labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance } });
    await inVolume(source, 'mkdir -p /v/pgdata && echo 16 > /v/pgdata/PG_VERSION && ln -s pgdata/PG_VERSION /v/version && chown -R 999:999 /v && chmod 700 /v');

    const reader = await openVolumeReader(runtime, { ...tool('read'), volumes: [source] });
    let first: Buffer;
    try {
      first = await bufferOf(await reader.read(0));
      expect(await measureVolumeArchive(await reader.read(0))).toEqual(await measureVolumeArchive(Readable.from([first])));
    } finally {
      await reader.close();
    }

    const into = target('vdc_a');
    const made = await fillVolumes(runtime, { ...tool('fill'), target: into, volumes: [{ appliance: 'db', volume: 'data', root: { uid: 999, gid: 999, mode: 0o700 } }], next: async () => Readable.from([first]) });
    const name = instanceVolumeName(into.key, 'db', 'data');
    expect(made.volumes).toEqual([name]);
    const [volume] = await runtime.listVolumes([`${LABEL.vdc}=vdc_a`, `${LABEL.instance}=${instance}`]);
    expect(volume.labels).toMatchObject({ [LABEL.appliance]: 'db', [LABEL.volume]: 'data', [LABEL.revision]: 'rev_1' });
    expect(await inVolume(name, 'stat -c "%u %g %a" /v /v/pgdata/PG_VERSION && cat /v/version')).toBe('999 999 700\n999 999 644\n16');

    // The same VDC's volume again: refused, and left as it was.
    const again = await fillVolumes(runtime, { ...tool('fill'), target: into, volumes: [{ appliance: 'db', volume: 'data' }], next: async () => Readable.from([first]) }).catch((e) => e);
    expect(isEngineError(again, 'name_taken')).toBe(true);
    expect(await inVolume(name, 'cat /v/pgdata/PG_VERSION')).toBe('16');
  });

  it('leaves no volume behind when Docker refuses a tar (a link leading out)', async () => {
    const source = `colo-${instance}-escape`;
    await runtime.createVolume({ name: source, labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance } });
    await inVolume(source, 'ln -s ../../../etc /v/out');
    const reader = await openVolumeReader(runtime, { ...tool('read2'), volumes: [source] });
    try {
      const failed = await fillVolumes(runtime, { ...tool('fill2'), target: target('vdc_b'), volumes: [{ appliance: 'nas', volume: 'share' }], next: () => reader.read(0) }).catch((e) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(String(failed.message)).toMatch(/invalid symlink|symlink/i);
    } finally {
      await reader.close();
    }
    expect(await runtime.listVolumes([`${LABEL.vdc}=vdc_b`, `${LABEL.instance}=${instance}`])).toEqual([]);
  });

  it('finds a transfer tool left behind once past its deadline, and not before', async () => {
    const source = `colo-${instance}-left`;
    await runtime.createVolume({ name: source, labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance } });
    await openVolumeReader(runtime, { ...tool('left'), volumes: [source] }); // never closed: a worker that died
    expect(await transferToolsPastDeadline(runtime, instance)).toEqual([]);
    const late = await transferToolsPastDeadline(runtime, instance, Date.now() + 120_000);
    expect(late.map((t) => t.name)).toEqual([`colo-${instance}-left-volume-tool`]);
  });
});
