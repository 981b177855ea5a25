// readLogs against the real engine: Docker's timestamps split off and made sortable as text,
// both streams, since/until windows, the whole history without following, and a follow that
// ends on abort. The container is labelled with this run's colo.test-run and removed afterwards.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeLogTime, readLogs, type TimedLogLine } from './read-logs';

const docker = new Dockerode();
const LABEL = { 'colo.test': 'read-logs', 'colo.test-run': randomBytes(4).toString('hex') };
let name: string;

beforeAll(async () => {
  name = `colo-test-read-logs-${LABEL['colo.test-run']}`;
  const container = await docker.createContainer({
    name,
    Image: 'colo/web-static:1',
    Entrypoint: ['sh', '-c'],
    // A pause between the two streams: Docker stamps each stream as it reads it, so two lines
    // written at once on stdout and stderr may be stamped in either order.
    Cmd: ['echo "first"; sleep 0.3; echo "oops" >&2; sleep 1.2; echo "second"; sleep 1.2; echo "third"; exec sleep 600'],
    Labels: LABEL,
    HostConfig: { NetworkMode: 'none', Memory: 32 * 1024 * 1024 },
  });
  await container.start();
  await new Promise((r) => setTimeout(r, 3500));
});

afterAll(async () => {
  const mine = await docker.listContainers({ all: true, filters: { label: [`colo.test-run=${LABEL['colo.test-run']}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
});

async function all(iterable: AsyncIterable<TimedLogLine>): Promise<TimedLogLine[]> {
  const out: TimedLogLine[] = [];
  for await (const l of iterable) out.push(l);
  return out;
}

describe('readLogs', () => {
  it('reads the whole history with each line stamped and its stream, then ends', async () => {
    const lines = await all(readLogs(name));
    expect(lines.map((l) => `${l.stream} ${l.line}`)).toEqual(['stdout first', 'stderr oops', 'stdout second', 'stdout third']);
    for (const l of lines) expect(l.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(lines.map((l) => l.time)).toEqual(lines.map((l) => l.time).sort());
  });

  it('keeps to a since/until window', async () => {
    const lines = await all(readLogs(name));
    const second = Date.parse(lines[2].time.slice(0, 23) + 'Z') / 1000;
    const window = await all(readLogs(name, { since: second - 0.5, until: second + 0.5 }));
    expect(window.map((l) => l.line)).toEqual(['second']);
  });

  it('follows until the signal aborts', async () => {
    const ctl = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const l of readLogs(name, { follow: true, tail: 1, signal: ctl.signal })) seen.push(l.line);
    })();
    await new Promise((r) => setTimeout(r, 500));
    ctl.abort();
    await reading;
    expect(seen).toEqual(['third']);
  });

  it('ends at once for a container that does not exist', async () => {
    expect(await all(readLogs(`${name}-missing`))).toEqual([]);
  });

  it('pads a fraction to nine digits so text order is time order', () => {
    expect(normalizeLogTime('2026-12-03T12:00:00', '5')).toBe('2026-12-03T12:00:00.500000000Z');
    expect(normalizeLogTime('2026-12-03T12:00:00')).toBe('2026-12-03T12:00:00.000000000Z');
  });
});
