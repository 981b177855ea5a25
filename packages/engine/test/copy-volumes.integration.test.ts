// The copy passes on the real engine, where a naive "copy what looks changed" goes wrong: a file
// rewritten in place at the same size and time (a database page) must still reach the copy, a file
// deleted from the source must leave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { copyVolumes } from '../src/volumes/copy-volumes';
import { cleanupInstance, testInstance } from './docker-harness';

const runtime = createDockerRuntime();
const instance = testInstance();
const vol = (name: string) => `colo-${instance}-${name}`;

async function createVolumes(...names: string[]): Promise<void> {
  for (const n of names) await runtime.createVolume({ name: vol(n), labels: { [LABEL.instance]: instance } });
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
  await createVolumes('pages', 'journal', 'pages-copy', 'journal-copy');
});

afterAll(async () => {
  await cleanupInstance(instance, runtime);
});

describe('copyVolumes', () => {
  it('carries a same-size rewrite that keeps its modification time, and what the source deleted', async () => {
    await inVolumes(['pages', 'journal'], 'head -c 40000000 /dev/urandom > /v/pages/bulk; echo old > /v/pages/gone; : > /v/journal/log');
    // Each round replaces one fixed-size "page" with the same time (what two writes within one
    // clock tick look like), then appends to a journal (which grows, so any copy notices it).
    // Paused between the two, the page is one ahead.
    const writer = await runtime.createContainer({
      name: `colo-${instance}-writer`,
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
        { label: 'db/pages', source: vol('pages'), target: vol('pages-copy') },
        { label: 'db/journal', source: vol('journal'), target: vol('journal-copy') },
      ],
      writers: [writer],
    });
    expect(result.pauseMs).toBeGreaterThan(0);
    expect((await runtime.inspectContainer(writer))?.state).toBe('running');
    await runtime.removeContainer(writer);

    const out = await inVolumes(['pages-copy', 'journal-copy'], 'echo "page=$(cat /v/pages-copy/page) last=$(tail -n 1 /v/journal-copy/log) files=$(ls /v/pages-copy | tr "\\n" ,)"');
    const [, page, last, listing] = /page=(\d+) last=(\d+) files=(\S*)/.exec(out) ?? [];
    const files = (listing ?? '').split(',').filter(Boolean);
    const behind = Number(page) - Number(last);
    expect(Number(last)).toBeGreaterThan(0);
    expect(behind, `page ${page}, journal ends at ${last}`).toBeGreaterThanOrEqual(0);
    expect(behind, `page ${page}, journal ends at ${last}`).toBeLessThanOrEqual(1);
    expect(files.sort()).toEqual(['bulk', 'page']);
    expect(await runtime.listContainers([`${LABEL.instance}=${instance}`, `${LABEL.role}=volume-tool`])).toEqual([]);
  });
});
