// followLogs against the real engine: history then new lines, both streams, cancellation, end
// on stop. The container is labelled colo.test=deploy-ui and removed afterwards.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followLogs } from './follow-logs';
import type { LogLine } from './log-frames';

const docker = new Dockerode();
const LABEL = { 'colo.test': 'deploy-ui', 'colo.test-run': randomBytes(4).toString('hex') };
const IMAGE = 'colo/web-static:1';
let name: string;

async function removeMine() {
  const mine = await docker.listContainers({ all: true, filters: { label: [`colo.test-run=${LABEL['colo.test-run']}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}

beforeAll(async () => {
  name = `colo-test-follow-${LABEL['colo.test-run']}`;
  const container = await docker.createContainer({
    name,
    Image: IMAGE,
    Entrypoint: ['bash', '-c'],
    // Lines on both streams, a few per second, forever; TERM ends it at once.
    Cmd: ['trap "exit 0" TERM; i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.2; done'],
    Labels: LABEL,
    HostConfig: { NetworkMode: 'none', Memory: 64 * 1024 * 1024, NanoCpus: 200_000_000 },
  });
  await container.start();
});

afterAll(async () => {
  await removeMine();
});

async function take(iterable: AsyncIterable<LogLine>, n: number): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of iterable) {
    out.push(line);
    if (out.length >= n) break;
  }
  return out;
}

describe('followLogs', () => {
  it('gives the tail, then lines as they are written, from stdout and stderr', async () => {
    await new Promise((r) => setTimeout(r, 1200));
    const lines = await take(followLogs(name, { tail: 2 }), 12);
    expect(lines).toHaveLength(12);
    expect(lines.some((l) => l.stream === 'stdout' && /^out \d+$/.test(l.line))).toBe(true);
    expect(lines.some((l) => l.stream === 'stderr' && /^err \d+$/.test(l.line))).toBe(true);
    const outs = lines.filter((l) => l.stream === 'stdout').map((l) => Number(l.line.split(' ')[1]));
    // Consecutive numbers: nothing lost between the history and the live part.
    for (let i = 1; i < outs.length; i++) expect(outs[i]).toBe(outs[i - 1] + 1);
    expect(outs[0]).toBeGreaterThan(0);
  });

  it('stops when the signal aborts', async () => {
    const ctl = new AbortController();
    const seen: LogLine[] = [];
    const started = Date.now();
    setTimeout(() => ctl.abort(), 800);
    for await (const line of followLogs(name, { signal: ctl.signal })) seen.push(line);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('ends by itself when the container stops, and is empty for a container that does not exist', async () => {
    const since = Date.now() / 1000;
    const following = (async () => {
      const seen: LogLine[] = [];
      for await (const line of followLogs(name, { since })) seen.push(line);
      return seen;
    })();
    await new Promise((r) => setTimeout(r, 600));
    await docker.getContainer(name).stop({ t: 1 });
    const seen = await following;
    expect(seen.length).toBeGreaterThan(0);
    expect(await take(followLogs(`${name}-missing`), 1)).toEqual([]);
  });
});
