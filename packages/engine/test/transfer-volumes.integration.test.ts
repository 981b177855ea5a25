// transferVolumes on the real engine (both ends on this daemon: the same calls a node-to-node move
// makes through two nodes' agents): the bytes, a file's owner and mode, the root's owner and mode,
// a target emptied before it is filled, a foreign volume of the target's name refused, and a failed
// transfer leaving no volume it made.
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { transferVolumes } from '../src/swarm/data/transfer-volumes';
import { cleanupInstance, testInstance } from './docker-harness';

const runtime = createDockerRuntime();
const instance = testInstance();
const vol = (name: string) => `colo-${instance}-${name}`;
const owned = (appliance: string) => ({ [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.vdc]: 'vdc_t', [LABEL.appliance]: appliance, [LABEL.volume]: 'data' });

async function inVolume(name: string, script: string): Promise<string> {
  const id = await runtime.createContainer({
    name: `colo-${instance}-sh-${Math.random().toString(36).slice(2, 8)}`,
    Image: 'debian:bookworm-slim',
    Cmd: ['sleep', '60'],
    Labels: { [LABEL.instance]: instance },
    HostConfig: { Mounts: [{ Type: 'volume' as const, Source: vol(name), Target: '/v' }] },
  });
  try {
    await runtime.startContainer(id);
    const res = await runtime.exec(id, ['bash', '-c', script]);
    if (res.exitCode !== 0) throw new Error(`script failed (${res.exitCode}): ${res.output}`);
    return res.output.trim();
  } finally {
    await runtime.removeContainer(id);
  }
}

afterAll(async () => {
  await cleanupInstance(instance, runtime);
});

const base = { from: runtime, to: runtime, instance, toolName: `colo-${instance}-t`, labels: { [LABEL.instance]: instance } };

describe('transferVolumes', () => {
  it('carries the bytes, owners and modes, the root included, and empties a target it fills again', async () => {
    await runtime.createVolume({ name: vol('src'), labels: owned('db') });
    await inVolume('src', 'head -c 3000000 /dev/urandom > /v/blob; mkdir /v/d; echo hi > /v/d/f; chown 999:998 /v/d/f; chmod 640 /v/d/f; chown 70:70 /v; chmod 700 /v; sha256sum /v/blob > /v/sum');
    const seen: string[] = [];
    const hold = { pause: async () => void seen.push('pause'), resume: async () => void seen.push('resume') };
    const first = await transferVolumes({
      ...base,
      transfers: [{ label: 'db/data', source: vol('src'), target: vol('dst'), targetLabels: owned('db') }],
      replace: true,
      hold,
      onProgress: (p) => seen.push(`copied ${p.index}`),
    });
    expect(first.volumes).toHaveLength(1);
    expect(first.totalBytes).toBeGreaterThan(3_000_000);
    // Writers are held for the streaming alone, and let go once.
    expect(seen).toEqual(['pause', 'copied 1', 'resume']);
    expect(await inVolume('dst', 'cd /v && sha256sum -c sum >/dev/null && echo ok')).toBe('ok');
    expect(await inVolume('dst', 'stat -c "%u:%g %a" /v/d/f /v')).toBe('999:998 640\n70:70 700');

    // Filled again: what the target had and the source has not is gone.
    await inVolume('dst', 'echo stale > /v/stale');
    await transferVolumes({ ...base, transfers: [{ label: 'db/data', source: vol('src'), target: vol('dst'), targetLabels: owned('db') }], replace: true });
    expect(await inVolume('dst', 'ls /v | sort | tr "\\n" " "')).toBe('blob d sum');
    // Not to be replaced: refused, the target as it was.
    await expect(transferVolumes({ ...base, transfers: [{ label: 'db/data', source: vol('src'), target: vol('dst'), targetLabels: owned('db') }], replace: false })).rejects.toThrow(/exists on the target/);
  });

  it("refuses a target of another owner's and leaves no volume behind when it fails", async () => {
    await runtime.createVolume({ name: vol('theirs'), labels: owned('web') });
    await expect(transferVolumes({ ...base, transfers: [{ label: 'db/data', source: vol('src'), target: vol('theirs'), targetLabels: owned('db') }], replace: true })).rejects.toThrow(/taken by a volume/);
    // A source that does not exist is not copied as an empty one (Docker would make it on mounting).
    await expect(
      transferVolumes({ ...base, transfers: [{ label: 'db/data', source: vol('missing'), target: vol('fresh'), targetLabels: owned('db') }], replace: true }),
    ).rejects.toThrow(/db\/data \(volume .*missing\): not found/);
    const names = (await runtime.listVolumes([`${LABEL.managed}=true`])).map((v) => v.name);
    expect(names).not.toContain(vol('fresh'));
    expect(names).not.toContain(vol('missing'));
    // A failure after the target was made (a tool name Docker refuses) removes that target.
    await expect(
      transferVolumes({ ...base, toolName: 'bad/name', transfers: [{ label: 'db/data', source: vol('src'), target: vol('fresh2'), targetLabels: owned('db') }], replace: true }),
    ).rejects.toThrow();
    // Failing mid-stream (the target's tool gone under it) still lets the writers go.
    const said: string[] = [];
    await expect(
      transferVolumes({
        ...base,
        transfers: [{ label: 'db/data', source: vol('src'), target: vol('fresh3'), targetLabels: owned('db') }],
        replace: true,
        hold: {
          pause: async () => {
            said.push('pause');
            await runtime.removeContainer(`colo-${instance}-t-write`);
          },
          resume: async () => void said.push('resume'),
        },
      }),
    ).rejects.toThrow();
    expect(said).toEqual(['pause', 'resume']);
    const left = (await runtime.listVolumes([`${LABEL.managed}=true`])).map((v) => v.name);
    expect(left).not.toContain(vol('fresh2'));
    expect(left).not.toContain(vol('fresh3'));
    // No tool container is left either.
    expect((await runtime.listContainers([`${LABEL.instance}=${instance}`])).map((c) => c.name)).toEqual([]);
  });
});
