// Redis (the test's private one) restarted while operations run and wait, once keeping its data
// and once losing it: every operation still finishes (Postgres is the record; the worker's sweep
// enqueues what Redis forgot), and none runs twice (each is claimed once, each container is
// created once).
import { type AuthUser, createVdc, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCounter, judge } from './harness/convergence';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { waitFor } from './harness/free-port';
import { waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

let t: FaultsTest;
let worker: WorkerProcess;
let user: AuthUser;
let creates: CreateCounter;

beforeAll(async () => {
  t = await setupFaultsTest('redis');
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
    creates.reset();
    const [a, b] = [`${label}-a`, `${label}-b`];
    for (const name of [a, b]) await createVdc(user, manifestOf(name, [{ name: 'box', class: 'steady', replicas: 4 }]));
    // One deploy running, one beside it, and a stop waiting in Redis behind the first deploy.
    const ops = [
      await requestOperation(user, a, 'deploy', {}),
      await requestOperation(user, b, 'deploy', {}),
      await requestOperation(user, a, 'stop', {}),
    ];
    const vdcA = await getPrisma().vdc.findFirstOrThrow({ where: { name: a, ownerId: user.id } });
    await waitFor(`a container of ${a}`, 90_000, async () => {
      const op = await getPrisma().operation.findUniqueOrThrow({ where: { id: ops[0].id } });
      const made = await t.docker.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcA.id}`] } });
      return op.status === 'running' && made.length > 0 ? true : undefined;
    }, 100);

    await t.redis.restart({ keepData, downMs: 1500 });

    for (const op of ops) {
      const done = await waitFinished(op.id, 180_000, () => worker.output());
      expect(done.status, `${op.kind} ${done.error}\n${worker.output().slice(-3000)}`).toBe('succeeded');
      // Claimed once: no second run took it over or ran beside it.
      expect(done.fence, `${op.kind} of ${op.vdc}`).toBe(1);
    }
    expect(creates.duplicates()).toEqual([]);
    const verdictA = await judge(user, a, 'stopped', creates);
    const verdictB = await judge(user, b, 'deployed', creates);
    expect(verdictA, verdictA.detail).toMatchObject({ converged: true, duplicates: 0, orphans: 0 });
    expect(verdictB, verdictB.detail).toMatchObject({ converged: true, duplicates: 0, orphans: 0 });
  });
});
