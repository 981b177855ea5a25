// Start on first request, end to end on the real engine: a VDC stopped behind an entry with
// `wake` is started by the first plain HTTP request to the entry's port on 127.0.0.1, which is
// held and then answered; many held requests make one start; a VDC behind an entry without it
// stays stopped and its requests fail at once.
import { createServer } from 'node:net';
import { type AuthUser, createEntry, createVdc, reloadCatalog, requestOperation, switchEntry } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { type RunningWorker, startWorker } from './start-worker';

let t: ControlTest;
let running: RunningWorker | undefined;
let user: AuthUser;
const lines: string[] = [];
const ports = { sleepy: 0, plain: 0, wakeEntry: 0, plainEntry: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function finished(id: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const op = await getPrisma().operation.findUniqueOrThrow({ where: { id } });
    if (op.status === 'succeeded') return op;
    if (op.status === 'failed' || Date.now() > deadline) throw new Error(`${op.kind} ${id} ${op.status}: ${op.error ?? ''}\n${lines.join('\n')}`);
    await sleep(250);
  }
}

// Different appliance names, so `X-Colo-Host` (`web-1`, `site-1`) says which VDC answered.
const site = (name: string, port: number, appliance = 'web') => manifestOf(name, [{ name: appliance, class: 'web-static', expose: [{ terminal: 'in', port }] }]);

async function get(port: number, timeoutMs: number): Promise<{ status: number; host: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(timeoutMs) });
  await res.text();
  return { status: res.status, host: res.headers.get('x-colo-host') };
}

const stateOf = async (name: string) => (await getPrisma().vdc.findFirstOrThrow({ where: { name } })).state;

beforeAll(async () => {
  t = await setupControlTest('wake');
  reloadCatalog(); // the real catalog: web-static answers HTTP
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  running = await startWorker(loadWorkerEnv(), (l) => lines.push(l));
  user = await t.user();
  await createVdc(user, site('sleepy', ports.sleepy));
  await createVdc(user, site('plain', ports.plain, 'site'));
  for (const name of ['sleepy', 'plain']) await finished((await requestOperation(user, name, 'deploy', {})).id);
  await finished((await createEntry(user, { name: 'wakes', port: ports.wakeEntry, vdc: 'sleepy', wake: true })).operation.id);
  await finished((await createEntry(user, { name: 'stays', port: ports.plainEntry, vdc: 'plain' })).operation.id);
  expect((await get(ports.wakeEntry, 5000)).status).toBe(200);
  for (const name of ['sleepy', 'plain']) await finished((await requestOperation(user, name, 'stop', {})).id);
  // The listeners see the replicas gone (DNS hold 1 s, checks every 1 s); the watch follows the
  // new wake entry's listener (it looks for wake entries every 5 s).
  await sleep(6000);
}, 300_000);

afterAll(async () => {
  await running?.stop(5000);
  await t?.teardown();
});

it('refuses a request at once for a stopped VDC behind an entry without wake, and leaves it stopped', async () => {
  const started = Date.now();
  await expect(get(ports.plainEntry, 10_000)).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(3000);
  await sleep(2000);
  expect(await stateOf('plain')).toBe('stopped');
  expect(await getPrisma().operation.count({ where: { vdc: { name: 'plain' }, kind: 'start' } })).toBe(0);
});

it('holds the first requests to a stopped VDC behind a wake entry, starts it once, and answers them', async () => {
  expect(await stateOf('sleepy')).toBe('stopped');
  const sent = Date.now();
  const answers = await Promise.all([0, 1, 2].map(() => get(ports.wakeEntry, 90_000)));
  const heldMs = Date.now() - sent;
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(answers.every((a) => a.host)).toBe(true);
  // Answered as soon as a replica listens; the start operation finishes after (its health waits).
  const starts = await getPrisma().operation.findMany({ where: { vdc: { name: 'sleepy' }, kind: 'start' } });
  expect(starts).toHaveLength(1);
  await finished(starts[0].id);
  expect(await stateOf('sleepy')).toBe('running');
  expect(lines.some((l) => /entry wakes: requested op_/.test(l))).toBe(true);
  console.log(`wake: 3 held requests answered ${heldMs} ms after they were sent (one start operation)`);
  // Running again: answered directly.
  expect((await get(ports.wakeEntry, 5000)).status).toBe(200);
}, 120_000);

it('switches the entry through the API path (request, queue, worker, runner) and the new VDC answers within about a second', async () => {
  await finished((await requestOperation(user, 'plain', 'start', {})).id);
  expect((await get(ports.wakeEntry, 5000)).host).toMatch(/^web-/);
  const t0 = Date.now();
  const { operation } = await switchEntry(user, 'wakes', { vdc: 'plain', target: 'site.in' });
  let firstMs = 0;
  while (!firstMs && Date.now() - t0 < 30_000) {
    const sent = Date.now();
    const answer = await get(ports.wakeEntry, 5000).catch(() => undefined);
    if (answer?.host?.startsWith('site-')) firstMs = sent - t0;
    else await sleep(10);
  }
  await finished(operation.id);
  expect(firstMs).toBeGreaterThan(0);
  console.log(`entry switch through the worker: first answer from the new VDC ${firstMs} ms after the request`);
}, 120_000);
