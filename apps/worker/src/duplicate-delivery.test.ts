// Two workers on one queue, and the operation one of them runs delivered again meanwhile (Redis
// lost the job and the lost-job sweep enqueued it anew, twice), against real Postgres, Redis and
// Docker: one run does the work; each duplicate waits for that run's lease, then finds the
// operation finished. Every container is created once.
import { createVdc, getRuntime, jobPresence, redisConnection, requestOperation, requeueLostOperations, setRuntime } from '@colo/control';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { type RunningWorker, startWorker } from './start-worker';

let t: ControlTest;
let queue: Queue;
const workers: RunningWorker[] = [];
const lines: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await setupControlTest('dupes');
  await ensureSleeperImage();
  queue = new Queue(t.queueName, { connection: redisConnection() });
});
afterAll(async () => {
  for (const w of workers) await w.stop(5000);
  setRuntime(undefined);
  await queue?.close();
  await t?.teardown();
});

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${lines.join('\n')}`);
    await sleep(100);
  }
}

it('runs an operation once while two workers get it delivered again mid-run', async () => {
  const real = getRuntime();
  const created: string[] = [];
  // Counts what reaches Docker, and slows each change down so the run is long enough to race.
  setRuntime(
    new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop !== 'createContainer' && prop !== 'startContainer') return value.bind(target);
        return async (...args: unknown[]) => {
          if (prop === 'createContainer') created.push((args[0] as { name: string }).name);
          await sleep(400);
          return value.apply(target, args);
        };
      },
    }),
  );
  try {
    const user = await t.user();
    await createVdc(
      user,
      manifestOf('dupes', [
        { name: 'db', class: 'sleeper' },
        { name: 'app', class: 'sleeper', replicas: 4 },
      ], { connections: [{ from: 'app.peer', to: 'db.in' }] }),
    );
    // One job at a time each, so a second delivery lands on the other worker; a short lease so
    // the duplicates come back soon after the run ends.
    const env = { ...loadWorkerEnv(), COLO_WORKER_CONCURRENCY: 1, COLO_OPERATION_LEASE_SECONDS: 5 };
    workers.push(await startWorker(env, (l) => lines.push(`A ${l}`)));
    workers.push(await startWorker(env, (l) => lines.push(`B ${l}`)));
    const op = await requestOperation(user, 'dupes', 'deploy', {});

    for (const n of [1, 3]) {
      await until(`${n} container(s) being created`, () => created.length >= n);
      await queue.obliterate({ force: true });
      expect(await requeueLostOperations()).toEqual([op.id]);
    }

    await until('the operation to finish', async () => {
      const { status } = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
      return status === 'succeeded' || status === 'failed';
    });
    const done = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(done.status, `${done.error}\n${lines.join('\n')}`).toBe('succeeded');
    // One run: one claim, one fence.
    expect(done).toMatchObject({ attempts: 1, fence: 1 });
    expect(lines.join('\n')).toMatch(/held by another run/);

    expect([...created].sort()).toEqual([...new Set(created)].sort());
    expect(created).toHaveLength(5);
    const containers = await real.listContainers([`colo.instance=${t.instance}`]);
    expect(containers).toHaveLength(5);
    expect(containers.every((c) => c.state === 'running')).toBe(true);

    // The duplicate delivery comes back after the lease, finds the operation finished, and ends.
    await until('the duplicate job to end', async () => (await jobPresence(op.id)) === 'finished');
    const after = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(after).toMatchObject({ status: 'succeeded', attempts: 1, fence: 1 });
  } finally {
    setRuntime(real);
  }
});
