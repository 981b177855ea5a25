// A run that stops answering (its heartbeat blocked, a Docker call hanging) past its lease, against
// real Postgres and Docker: the next run takes the operation over and finishes it, and the paused
// run, when it wakes, changes nothing: no step, log, state or secret write, no Docker call.
import { getPrisma } from '@colo/db';
import { MUTATING_RUNTIME_METHODS, type Runtime } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime, setRuntime } from '../docker/engine-access';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { type ClaimResult, claimVdcFor } from './claim';
import { FencedError, isFenced, withFence } from './fence';
import { failOperation } from './finish-operation';
import { requestOperation } from './request-operation';
import { runOperation } from './run-operation';

let t: ControlTest;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('lease');
  user = await t.user();
  await ensureSleeperImage();
});
afterAll(async () => {
  setRuntime(undefined);
  await t?.teardown();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function leaseOf(claim: ClaimResult) {
  if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
  return claim.lease;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Claims as soon as the current lease has expired. */
async function claimWhenFree(operationId: string) {
  for (;;) {
    const claim = await claimVdcFor(operationId, { owner: 'run-b' });
    if (claim.status !== 'leased') return leaseOf(claim);
    await sleep(Math.min(claim.retryInMs, 200));
  }
}

/** Everything a run can write, for comparing before and after. */
async function recordOf(operationId: string, vdcId: string) {
  const prisma = getPrisma();
  return {
    operation: await prisma.operation.findUniqueOrThrow({ where: { id: operationId } }),
    steps: await prisma.operationStep.findMany({ where: { operationId }, orderBy: { id: 'asc' } }),
    logs: await prisma.operationLog.findMany({ where: { operationId }, orderBy: { seq: 'asc' } }),
    vdc: await prisma.vdc.findUniqueOrThrow({ where: { id: vdcId } }),
  };
}

describe('a run paused past its lease', () => {
  it('is taken over by the next run, which finishes; woken, it writes nothing and its Docker calls are refused', async () => {
    const real = getRuntime();
    const created: string[] = [];
    let paused = true;
    let woken = false;
    let mutationsAfterWaking = 0;
    let wake!: () => void;
    const waking = new Promise<void>((r) => (wake = r));
    let held = 0;
    // Beneath the run's fence: sees each call that really reaches Docker. While `paused`, every
    // health wait hangs, as if the worker had frozen in the middle of the deploy.
    const docker = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (prop === 'createContainer') created.push((args[0] as { name: string }).name);
          if (woken && (MUTATING_RUNTIME_METHODS as readonly PropertyKey[]).includes(prop)) mutationsAfterWaking++;
          if (prop === 'waitHealthy' && paused) {
            held++;
            await waking;
          }
          return value.apply(target, args);
        };
      },
    }) as Runtime;
    setRuntime(docker);
    try {
      await createVdc(
        user,
        manifestOf('paused', [
          { name: 'db', class: 'sleeper' },
          { name: 'app', class: 'sleeper', replicas: 3 },
        ], { connections: [{ from: 'app.peer', to: 'db.in' }] }),
      );
      const op = await requestOperation(user, 'paused', 'deploy', {});

      // Run A: a short lease, renewed every second until A hangs in Docker; then its heartbeat
      // stops too, as in a frozen process, and the lease lapses.
      const a = leaseOf(await claimVdcFor(op.id, { leaseMs: 6000, owner: 'run-a' }));
      const linesOfA: string[] = [];
      const runA = runOperation(op.id, { lease: a, heartbeatMs: 1000, log: (l) => linesOfA.push(l) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      await until('run A to hang in Docker', () => held > 0);
      a.stopHeartbeat();
      // While A's lease is live, another delivery waits instead of running beside it.
      expect(await claimVdcFor(op.id)).toMatchObject({ status: 'leased' });

      // Run B takes over once the lease has expired, and finishes the deploy.
      const b = await claimWhenFree(op.id);
      expect(b.fence).toBe(a.fence + 1);
      paused = false;
      expect(await runOperation(op.id, { lease: b })).toBe('succeeded');
      const finished = await recordOf(op.id, b.vdcId);
      expect(finished.operation).toMatchObject({ status: 'succeeded', fence: b.fence, attempts: 2, leaseExpiresAt: null });
      expect(finished.vdc).toMatchObject({ state: 'running', activeOperationId: null, deployedRevisionId: finished.operation.revisionId });

      // A wakes up: its waits return, and it goes on with its plan.
      woken = true;
      wake();
      const outcomeOfA = await runA;
      expect(isFenced(outcomeOfA), String(outcomeOfA)).toBe(true);
      expect(await recordOf(op.id, b.vdcId)).toEqual(finished);
      expect(mutationsAfterWaking).toBe(0);
      // It did try: its next Docker change was refused by the fence.
      expect(linesOfA.join('\n')).toMatch(/fail .*run 1 stopped/);

      // Every container was created once, and the deploy is whole.
      expect(new Set(created).size).toBe(created.length);
      const containers = await real.listContainers([`colo.instance=${t.instance}`, `colo.vdc=${b.vdcId}`]);
      expect(containers.map((c) => c.name).sort()).toEqual([...created].sort());
      expect(containers).toHaveLength(4);
      expect(containers.every((c) => c.state === 'running')).toBe(true);
    } finally {
      wake();
      setRuntime(real);
    }
  });
});

describe('giving up on a job', () => {
  it('does not fail an operation a live run holds; once its lease lapsed it does, and fences that run out', async () => {
    await createVdc(user, manifestOf('held'));
    const op = await requestOperation(user, 'held', 'stop', {});
    const lease = leaseOf(await claimVdcFor(op.id, { leaseMs: 1500 }));

    // What the worker's `failed` hook does when BullMQ counted too many stalls.
    expect(await failOperation(op.id, 'job stalled more than allowable limit')).toBe(false);
    const still = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(still).toMatchObject({ status: 'running', fence: lease.fence, error: null });

    await sleep(1700);
    expect(await failOperation(op.id, 'job stalled more than allowable limit')).toBe(true);
    const failed = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(failed).toMatchObject({ status: 'failed', fence: lease.fence + 1, leaseExpiresAt: null });
    const vdc = await getPrisma().vdc.findUniqueOrThrow({ where: { id: lease.vdcId } });
    expect(vdc.activeOperationId).toBeNull();

    // The run it gave up on can write nothing any more, nor start.
    const logs = await getPrisma().operationLog.count({ where: { operationId: op.id } });
    await expect(withFence(lease, (tx) => tx.operationLog.create({ data: { operationId: op.id, message: 'late' } }))).rejects.toBeInstanceOf(
      FencedError,
    );
    await expect(runOperation(op.id, { lease })).rejects.toBeInstanceOf(FencedError);
    expect(await getPrisma().operationLog.count({ where: { operationId: op.id } })).toBe(logs);
  });
});
