// Postgres (the test's private cluster) restarted in the middle of a deploy: briefly and cleanly,
// and crashed for longer than the run's lease. The operation finishes, or fails with a reason a
// person can read; the VDC is never left holding an operation forever; a deploy afterwards
// converges with nothing duplicated or left over.
import { type AuthUser, createVdc, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateCounter, judge } from './harness/convergence';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { sleep, waitFor } from './harness/free-port';
import { waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

const LEASE_SECONDS = 6;

let t: FaultsTest;
let worker: WorkerProcess;
let user: AuthUser;
let creates: CreateCounter;

beforeAll(async () => {
  t = await setupFaultsTest('postgres', inject('dockerDir'));
  creates = new CreateCounter(t.docker.docker, t.instance);
  worker = t.startWorker({ COLO_OPERATION_LEASE_SECONDS: String(LEASE_SECONDS) });
  await worker.ready();
  user = await t.user();
});
afterAll(async () => {
  creates?.close();
  await t?.pg.start().catch(() => {});
  await t?.teardown();
});

describe.each([
  { label: 'brief', mode: 'fast' as const, downMs: 3000 },
  { label: 'long', mode: 'immediate' as const, downMs: (LEASE_SECONDS + 8) * 1000 },
])('Postgres restarted mid-deploy ($label, $mode)', ({ label, mode, downMs }) => {
  it('finishes or fails with a clear reason, and never leaves the VDC busy', async () => {
    creates.reset();
    const name = `pg-${label}`;
    await createVdc(user, manifestOf(name, [{ name: 'box', class: 'steady', replicas: 5 }]));
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name, ownerId: user.id } });
    const op = await requestOperation(user, name, 'deploy', {});
    await waitFor(`a container of ${name}`, 90_000, async () => {
      const made = await t.docker.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdc.id}`] } });
      return made.length > 0 ? true : undefined;
    }, 100);

    await t.pg.stop(mode);
    await sleep(downMs);
    await t.pg.start();

    const done = await waitFinished(op.id, 240_000, () => worker.output().slice(-4000));
    if (done.status === 'failed') {
      // A reason a person can act on, not an empty or internal one.
      expect(done.error ?? '').toMatch(/database/i);
    }
    console.log(`${label}: deploy ${done.status} after ${done.attempts} run(s)${done.error ? `: ${done.error}` : ''}`);
    // The VDC is free again: nothing holds it.
    await waitFor(`${name} to be free`, 30_000, async () => {
      const row = await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } });
      return row.activeOperationId === null ? true : undefined;
    });
    // Whatever happened, asking again converges, with nothing twice and nothing left over.
    if (done.status === 'failed') {
      const again = await requestOperation(user, name, 'deploy', {});
      expect((await waitFinished(again.id, 180_000, () => worker.output())).status).toBe('succeeded');
    }
    const verdict = await judge(user, name, 'deployed', creates);
    expect(verdict, verdict.detail).toMatchObject({ converged: true, duplicates: 0, orphans: 0 });
  });
});
