// Redis (the test's private one) restarted while operations run and wait, once keeping its data
// and once losing it: every operation still finishes (Postgres is the record; the worker's sweep
// enqueues what Redis forgot), and none runs twice (each is claimed once, each container is
// created once).
import type { AuthUser } from '@colo/control';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateCounter } from './harness/convergence';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { redisRestartTry } from './harness/redis-restart-try';
import type { WorkerProcess } from './harness/worker-process';

let t: FaultsTest;
let worker: WorkerProcess;
let user: AuthUser;
let creates: CreateCounter;

beforeAll(async () => {
  t = await setupFaultsTest('redis', inject('dockerDir'));
  creates = new CreateCounter(t.docker.docker, t.instance);
  worker = t.startWorker();
  await worker.ready();
  user = await t.user();
});
afterAll(async () => {
  creates?.close();
  await t?.teardown();
});

describe.each([
  { keepData: true, label: 'keep' },
  { keepData: false, label: 'lose' },
])('Redis restarted mid-operation ($label its data)', ({ keepData, label }) => {
  it('loses no operation and runs none twice', async () => {
    const result = await redisRestartTry(t, user, label, keepData, creates);
    expect(result, `${result.detail}\n${worker.output().slice(-3000)}`).toMatchObject({ converged: 3, duplicates: 0, orphans: 0, lost: 0 });
  });
});
