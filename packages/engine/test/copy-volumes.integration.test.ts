// The copy passes on the real engine, where a naive "copy what looks changed" goes wrong: a file
// rewritten in place at the same size and time (a database page) must still reach the copy, a file
// deleted from the source must leave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostVolumeToolName } from '../src/docker-names';
import { LABEL } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { copyVolumes } from '../src/volumes/copy-volumes';
import { cancelCopiesInHostTool, copiesRunningInHostTool, HOST_VOLUME_TOOL_ROLE } from '../src/volumes/host-tool';
import { openVolumeTool } from '../src/volumes/volume-tool';
import { cleanupInstance, testInstance } from './docker-harness';

const runtime = createDockerRuntime();
const instance = testInstance();
const vol = (name: string) => `colo-${instance}-${name}`;

async function createVolumes(...names: string[]): Promise<void> {
  for (const n of names) await runtime.createVolume({ name: vol(n), labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance } });
}

/** Runs `script` in a throwaway container with the named volumes at /v/<name>; returns its output. */
async function inVolumes(volumes: string[], script: string): Promise<string> {
  const id = await runtime.createContainer({
    name: `colo-${instance}-sh-${Math.random().toString(36).slice(2, 8)}`,
    Image: 'debian:bookworm-slim',
    Cmd: ['sleep', '60'],
    Labels: { [LABEL.instance]: instance },
    HostConfig: { Mounts: volumes.map((v) => ({ Type: 'volume' as const, Source: vol(v), Target: `/v/${v}` })) },
  });
  try {
    await runtime.startContainer(id);
    const res = await runtime.exec(id, ['bash', '-c', script]);
    const text = res.output.replace(/[^\x20-\x7e\n]/g, '');
    if (res.exitCode !== 0) throw new Error(`script failed (${res.exitCode}): ${text}`);
    return text;
  } finally {
    await runtime.removeContainer(id);
  }
}

beforeAll(async () => {
  await createVolumes('pages', 'journal', 'pages-copy', 'journal-copy', 'pages-own', 'journal-own', 'big', 'big-copy');
});

afterAll(async () => {
  await cleanupInstance(instance, runtime);
});

// The warm tool (the host's, seeing the volume directory) and a tool of the copy's own (mounting
// each volume) must copy alike.
describe.each([
  { way: 'the warm tool', ownContainer: false, copy: 'copy' },
  { way: 'a tool of its own', ownContainer: true, copy: 'own' },
])('copyVolumes through $way', ({ ownContainer, copy }) => {
  it('carries a same-size rewrite that keeps its modification time, and what the source deleted', async () => {
    await inVolumes(['pages', 'journal'], 'head -c 40000000 /dev/urandom > /v/pages/bulk; echo old > /v/pages/gone; : > /v/journal/log');
    // Each round replaces one fixed-size "page" with the same time (what two writes within one
    // clock tick look like), then appends to a journal (which grows, so any copy notices it).
    // Paused between the two, the page is one ahead.
    const writer = await runtime.createContainer({
      name: `colo-${instance}-writer-${copy}`,
      Image: 'debian:bookworm-slim',
      Cmd: [
        'bash',
        '-c',
        'rm -f /v/pages/gone; i=0; while :; do i=$((i+1)); printf "%012d" $i > /v/pages/.next; touch -d @1000000000 /v/pages/.next; mv /v/pages/.next /v/pages/page; echo $i >> /v/journal/log; done',
      ],
      Labels: { [LABEL.instance]: instance },
      HostConfig: {
        Mounts: ['pages', 'journal'].map((v) => ({ Type: 'volume' as const, Source: vol(v), Target: `/v/${v}` })),
        NanoCpus: 500_000_000,
        Memory: 64 * 1024 ** 2,
      },
    });
    await runtime.startContainer(writer);
    await new Promise((r) => setTimeout(r, 1500));
    const result = await copyVolumes(runtime, {
      name: `colo-${instance}-tool`,
      instance,
      copies: [
        { label: 'db/pages', source: vol('pages'), target: vol(`pages-${copy}`) },
        { label: 'db/journal', source: vol('journal'), target: vol(`journal-${copy}`) },
      ],
      writers: [writer],
      ownContainer,
    });
    expect(result.pauseMs).toBeGreaterThan(0);
    expect((await runtime.inspectContainer(writer))?.state).toBe('running');
    await runtime.removeContainer(writer);

    const out = await inVolumes([`pages-${copy}`, `journal-${copy}`], `echo "page=$(cat /v/pages-${copy}/page) last=$(tail -n 1 /v/journal-${copy}/log) files=$(ls /v/pages-${copy} | tr "\\n" ,)"`);
    const [, page, last, listing] = /page=(\d+) last=(\d+) files=(\S*)/.exec(out) ?? [];
    const files = (listing ?? '').split(',').filter(Boolean);
    const behind = Number(page) - Number(last);
    expect(Number(last)).toBeGreaterThan(0);
    expect(behind, `page ${page}, journal ends at ${last}`).toBeGreaterThanOrEqual(0);
    expect(behind, `page ${page}, journal ends at ${last}`).toBeLessThanOrEqual(1);
    expect(files.sort()).toEqual(['bulk', 'page']);
    expect(await runtime.listContainers([`${LABEL.instance}=${instance}`, `${LABEL.role}=volume-tool`])).toEqual([]);
    const warm = await runtime.listContainers([`${LABEL.instance}=${instance}`, `${LABEL.role}=${HOST_VOLUME_TOOL_ROLE}`]);
    if (!ownContainer) expect(warm.map((c) => c.state)).toEqual(['running']);
    expect(await copiesRunningInHostTool(runtime, instance)).toEqual([]);
  });
});

describe.each([
  { way: 'the warm tool', ownContainer: false, n: 'w' },
  { way: 'a tool of its own', ownContainer: true, n: 'o' },
])('the sync pass through $way', ({ ownContainer, n }) => {
  it('settles, in one pass over several volumes, what changed after the full copy, and skips what did not', async () => {
    const names = [`s1${n}`, `s2${n}`, `s3${n}`, `c1${n}`, `c2${n}`, `c3${n}`];
    await createVolumes(...names);
    const [s1, s2, s3, c1, c2, c3] = names;
    await inVolumes([s1, s2, s3], `mkdir -p /v/${s1}/d; echo a > /v/${s1}/d/gone; echo 1 > /v/${s1}/page; touch -d @1000000000 /v/${s1}/page; echo same > /v/${s2}/x; echo still > /v/${s3}/y`);
    const tool = await openVolumeTool(runtime, { name: `colo-${instance}-sync-${n}`, instance, sources: [vol(s1), vol(s2), vol(s3)], targets: [vol(c1), vol(c2), vol(c3)], ownContainer });
    try {
      const pairs = tool.sources.flatMap((src, i) => [src, tool.targets[i]]);
      // Past the pass's two seconds of margin for the file clock, so the untouched volume is old.
      await new Promise((r) => setTimeout(r, 3100));
      const since = Math.floor(Date.now() / 1000);
      await tool.run(['full', ...pairs], 'copying the volumes');
      // After the full pass: a deletion, a same-size same-time rewrite, a new file in a new
      // directory, a mode change; the third volume is untouched, and its copy is altered behind
      // the tool's back to show the pass skips a volume whose source did not change.
      await inVolumes([s1, s2, c3], `rm /v/${s1}/d/gone; echo 2 > /v/${s1}/page; touch -d @1000000000 /v/${s1}/page; mkdir -p /v/${s2}/new; echo n > /v/${s2}/new/f; chmod 600 /v/${s2}/x; echo mark > /v/${c3}/only-in-copy`);
      await tool.run(['sync', 'copy', String(since), ...pairs], 'copying what changed while paused');
      const out = await inVolumes([c1, c2, c3], `cd /v; echo "page=$(cat ${c1}/page) gone=$(ls ${c1}/d | wc -l) new=$(cat ${c2}/new/f) mode=$(stat -c %a ${c2}/x) mark=$(ls ${c3} | tr "\\n" " ")"`);
      expect(out.trim()).toBe('page=2 gone=0 new=n mode=600 mark=only-in-copy y');
    } finally {
      if (!tool.warm) await tool.close();
    }
  });
});

describe('the warm tool', () => {
  it('lists a copy while it runs and stops it, with all it started, when its operation is gone', async () => {
    await inVolumes(['big'], 'head -c 400000000 /dev/urandom > /v/big/a; cp /v/big/a /v/big/b');
    const tool = await openVolumeTool(runtime, { name: `colo-${instance}-big`, instance, tag: 'op_big', sources: [vol('big')], targets: [vol('big-copy')] });
    expect(tool.warm).toBe(true);
    expect(tool.id).toBe((await runtime.inspectContainer(hostVolumeToolName(instance)))?.id);
    const copying = tool.run(['full', tool.sources[0], tool.targets[0]], 'copying the volumes').then(
      () => 'finished',
      (error: Error) => error.message,
    );
    let seen: string[] = [];
    for (let i = 0; i < 100 && !seen.includes('op_big'); i++) seen = await copiesRunningInHostTool(runtime, instance);
    expect(seen).toContain('op_big');
    await cancelCopiesInHostTool(runtime, instance, 'op_big');
    expect(await copying).toMatch(/^copying the volumes: /);
    expect(await copiesRunningInHostTool(runtime, instance)).toEqual([]);
    // Nothing of it runs on in the tool: no cp is left writing into the target.
    const ps = await runtime.exec(tool.id, ['sh', '-c', 'for p in /proc/[0-9]*; do cat $p/comm; done']);
    expect(ps.output.split('\n').filter((c) => ['cp', 'colo-copy-volume', 'bash', 'setsid'].includes(c.trim()))).toEqual([]);
  });

  it('is one container for copies that start together, made by whichever comes first', async () => {
    const other = `${instance}-b`;
    try {
      const tools = await Promise.all(
        [1, 2, 3].map((i) => openVolumeTool(runtime, { name: `colo-${other}-t${i}`, instance: other, sources: [vol('big')], targets: [vol('big-copy')] })),
      );
      expect(new Set(tools.map((x) => x.id)).size).toBe(1);
      expect((await runtime.listContainers([`${LABEL.instance}=${other}`])).map((c) => [c.name, c.state])).toEqual([[hostVolumeToolName(other), 'running']]);
    } finally {
      await cleanupInstance(other, runtime);
    }
  });

  it('refuses a path outside the volumes it may read and write', async () => {
    const tool = await openVolumeTool(runtime, { name: `colo-${instance}-paths`, instance, sources: [vol('big')], targets: [vol('big-copy')] });
    for (const bad of [['/host/x/_data', tool.targets[0]], [tool.sources[0], '/host-ro/y/_data'], [tool.sources[0], '/host/../etc/_data'], [tool.sources[0], '/tmp']]) {
      await expect(tool.run(['full', ...bad], 'copying the volumes')).rejects.toThrow(/not a (src|dst) directory|not a plain path|is not mounted/);
    }
  });
});
