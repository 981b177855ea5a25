// The worker against real Postgres, Redis and Docker: one operation per VDC at a time while VDCs
// run in parallel, terminal failures not retried, lost jobs re-enqueued at start.
import {
  claimVdcFor,
  createVdc,
  getOperation,
  getRuntime,
  redisConnection,
  requestOperation,
  setRuntime,
} from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest, useTestCatalog } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { type RunningWorker, startWorker } from './start-worker';

let t: ControlTest;
let queue: Queue;
let running: RunningWorker | undefined;
const lines: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await setupControlTest('worker');
  queue = new Queue(t.queueName, { connection: redisConnection() });
});
afterAll(async () => {
  await running?.stop(5000);
  setRuntime(undefined);
  await queue?.close();
  await t?.teardown();
});

async function waitForOps(ids: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ops = await getPrisma().operation.findMany({ where: { id: { in: ids } } });
    if (ops.every((o) => o.status === 'succeeded' || o.status === 'failed')) return ops;
    if (Date.now() > deadline) throw new Error(`operations still open: ${ops.map((o) => `${o.id}=${o.status}`).join(' ')}\n${lines.join('\n')}`);
    await sleep(200);
  }
}

describe('worker', () => {
  it('re-enqueues operations Redis lost, when it starts', async () => {
    const user = await t.user();
    await createVdc(user, manifestOf('lost'));
    const op = await requestOperation(user, 'lost', 'stop', {});
    await queue.obliterate({ force: true });
    running = await startWorker({ ...loadWorkerEnv(), COLO_WORKER_CONCURRENCY: 4 }, (l) => lines.push(l));
    expect(lines.join('\n')).toContain(op.id);
    const [done] = await waitForOps([op.id]);
    expect(done.status).toBe('succeeded');
    // One log line per step reached the worker's own log, without env or secrets.
    expect(lines.some((l) => l.includes(op.id) && l.includes('stop'))).toBe(true);
  });

  it('runs one operation per VDC at a time, in order, and different VDCs side by side', async () => {
    const user = await t.user();
    // Each Docker listing takes a while, so operations last long enough to overlap if allowed to.
    const real = getRuntime();
    setRuntime(
      new Proxy(real, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === 'listContainers') {
            return async (labels: string[]) => {
              await sleep(400);
              return target.listContainers(labels);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
    try {
      await createVdc(user, manifestOf('left'));
      await createVdc(user, manifestOf('right'));
      const ids: Record<string, string[]> = { left: [], right: [] };
      for (const kind of ['stop', 'start', 'stop'] as const) {
        for (const name of ['left', 'right']) ids[name].push((await requestOperation(user, name, kind, {})).id);
      }
      const ops = await waitForOps([...ids.left, ...ids.right], 90_000);
      expect(ops.every((o) => o.status === 'succeeded')).toBe(true);
      const byId = new Map(ops.map((o) => [o.id, o]));
      for (const name of ['left', 'right']) {
        const seq = ids[name].map((id) => byId.get(id)!);
        for (let i = 1; i < seq.length; i++) {
          expect(seq[i].startedAt!.getTime(), `${name} op ${i} started before op ${i - 1} finished`).toBeGreaterThanOrEqual(seq[i - 1].finishedAt!.getTime());
        }
      }
      const overlaps = ids.left.some((l) =>
        ids.right.some((r) => {
          const a = byId.get(l)!;
          const b = byId.get(r)!;
          return a.startedAt! < b.finishedAt! && b.startedAt! < a.finishedAt!;
        }),
      );
      expect(overlaps, 'operations of different VDCs never ran at the same time').toBe(true);
      const vdcs = await getPrisma().vdc.findMany({ where: { ownerId: user.id } });
      expect(vdcs.every((v) => v.activeOperationId === null && v.state === 'stopped')).toBe(true);
    } finally {
      setRuntime(real);
    }
  });

  it('fails a bad operation once, without retries, and records why', async () => {
    const user = await t.user();
    await createVdc(user, manifestOf('doomed'));
    // Paused so the class can vanish between the request and the run.
    await running!.worker.pause();
    const op = await requestOperation(user, 'doomed', 'deploy', {});
    useTestCatalog([]);
    running!.worker.resume();
    try {
      const [done] = await waitForOps([op.id]);
      expect(done.status).toBe('failed');
      expect(done.errorCode).toBe('invalid_manifest');
      expect(done.attempts).toBe(1);
      const job = await queue.getJob(op.id);
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
      expect((await claimVdcFor(op.id)).status).toBe('finished');
      expect((await getOperation(user, op.id)).logs.at(-1)?.message).toMatch(/^failed: /);
    } finally {
      useTestCatalog();
    }
  });
});
