import { getPrisma } from '@colo/db';
import { createCatalog } from '@colo/manifest';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { setCatalog } from '../catalog';
import { getRuntime, setRuntime } from '../docker/engine-access';
import { sealSecrets } from '../secrets';
import { isColoError } from '../errors';
import { type ControlTest, manifestOf, setupControlTest, sleeperClass } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { type ClaimResult, claimVdcFor } from './claim';
import { jobPresence, redisConnection, requeueLostOperations } from './queue';
import { getOperation } from './read-operations';
import { requestOperation } from './request-operation';
import { runOperation } from './run-operation';

function leaseOf(claim: ClaimResult) {
  if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
  return claim.lease;
}

let t: ControlTest;
let user: AuthUser;
let queue: Queue;
beforeAll(async () => {
  t = await setupControlTest('operations');
  user = await t.user();
  queue = new Queue(t.queueName, { connection: redisConnection() });
});
afterAll(async () => {
  await queue?.close();
  await t?.teardown();
});

describe('requesting operations', () => {
  it('writes a queued operation and a job whose id is the operation id', async () => {
    await createVdc(user, manifestOf('alpha'));
    const op = await requestOperation(user, 'alpha', 'deploy', {});
    expect(op).toMatchObject({ kind: 'deploy', status: 'queued', progress: 0, revision: 1, vdc: 'alpha' });
    expect(op.id).toMatch(/^op_[a-z0-9]{16}$/);
    const job = await queue.getJob(op.id);
    expect(job?.data).toEqual({ operationId: op.id });
    expect(job?.opts.attempts).toBeGreaterThan(1);
  });

  it('refuses bad parameters and unknown appliances before queueing anything', async () => {
    const before = await getPrisma().operation.count();
    for (const [kind, params] of [
      ['deploy', { revision: 9 }],
      ['stop', { appliance: 'ghost' }],
      ['destroy', { purge: 'yes' }],
    ] as const) {
      const err = await requestOperation(user, 'alpha', kind, params as never).catch((e) => e);
      expect(isColoError(err), `${kind} ${JSON.stringify(params)}`).toBe(true);
    }
    expect(await getPrisma().operation.count()).toBe(before);
  });
});

describe('per-VDC exclusivity', () => {
  it('runs one operation per VDC at a time, first come first served, other VDCs in parallel', async () => {
    await createVdc(user, manifestOf('one'));
    await createVdc(user, manifestOf('two'));
    const first = await requestOperation(user, 'one', 'stop', {});
    const second = await requestOperation(user, 'one', 'start', {});
    const other = await requestOperation(user, 'two', 'stop', {});

    // The newer one may not overtake, even while the VDC is free.
    expect((await claimVdcFor(second.id)).status).toBe('busy');
    const firstClaim = await claimVdcFor(first.id);
    expect(firstClaim.status).toBe('claimed');
    // Not re-entrant: a second delivery of the same job waits for the first run's lease.
    const again = await claimVdcFor(first.id);
    expect(again).toMatchObject({ status: 'leased' });
    expect(again.status === 'leased' && again.retryInMs).toBeGreaterThan(20_000);
    expect((await claimVdcFor(second.id)).status).toBe('busy');
    const otherClaim = await claimVdcFor(other.id);
    expect(otherClaim.status).toBe('claimed');

    expect(await runOperation(first.id, { lease: leaseOf(firstClaim) })).toBe('succeeded');
    expect((await claimVdcFor(first.id)).status).toBe('finished');
    expect(await runOperation(second.id)).toBe('succeeded'); // claims for itself
    expect(await runOperation(other.id, { lease: leaseOf(otherClaim) })).toBe('succeeded');

    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'one', ownerId: user.id } });
    expect(vdc.activeOperationId).toBeNull();
    expect(vdc.state).toBe('running');
    const done = await getOperation(user, first.id);
    expect(done.operation).toMatchObject({ status: 'succeeded', progress: 100, steps: [{ key: 'stop', status: 'done' }] });
    expect(done.logs.map((l) => l.message)).toContain('succeeded');
    expect(done.logs.every((l, i) => i === 0 || l.seq > done.logs[i - 1].seq)).toBe(true);
    expect((await getOperation(user, first.id, done.logs.at(-1)!.seq)).logs).toEqual([]);
  });

  it('takes over a claim left behind by an operation that finished', async () => {
    await createVdc(user, manifestOf('left'));
    const op = await requestOperation(user, 'left', 'stop', {});
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'left', ownerId: user.id } });
    await getPrisma().vdc.update({ where: { id: vdc.id }, data: { activeOperationId: 'op_gonegonegonegone' } });
    expect((await claimVdcFor(op.id)).status).toBe('claimed');
  });
});

describe('failures', () => {
  it('records a terminal failure on the operation, frees the VDC and rethrows', async () => {
    await createVdc(user, manifestOf('doomed'));
    const op = await requestOperation(user, 'doomed', 'deploy', {});
    // The class disappears from the catalog between request and run.
    setCatalog({ catalog: createCatalog([]), assemblies: [] } as never);
    try {
      const err = await runOperation(op.id, { attempt: 1, maxAttempts: 4 }).catch((e) => e);
      expect(isColoError(err) && err.code).toBe('invalid_manifest');
      expect(err.retryable).toBe(false);
    } finally {
      setCatalog({ catalog: createCatalog([sleeperClass]), assemblies: [] } as never);
    }
    const { operation, logs } = await getOperation(user, op.id);
    expect(operation.status).toBe('failed');
    expect(operation.error).toMatch(/sleeper/);
    expect(operation.finishedAt).not.toBeNull();
    expect(logs.at(-1)?.message).toMatch(/^failed: /);
    // In words a person can act on, Retry's revision with it; nothing deployed yet: no roll back.
    expect(operation.failure).toMatchObject({ class: 'invalid_manifest', details: operation.error, retryRevision: 1, rollbackRevision: null });
    expect(operation.failure?.fix).toMatch(/Problems/);
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'doomed', ownerId: user.id } });
    expect(vdc.activeOperationId).toBeNull();
    expect(vdc.state).toBe('new'); // nothing in Docker was touched
    // Running it again is a no-op: it is finished.
    expect(await runOperation(op.id)).toBe('already_finished');
  });
});

describe('what failures write', () => {
  it('never writes a VDC secret into the error or the log, and tells retryable from terminal', async () => {
    await createVdc(user, manifestOf('leaky'));
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'leaky', ownerId: user.id } });
    const secret = 'sekretvalue0123456789abcdef';
    await getPrisma().vdc.update({ where: { id: vdc.id }, data: { secrets: sealSecrets(vdc.id, { box: { password: secret } }) } });
    const real = getRuntime();
    let failure: Error = new Error(`container said: password is ${secret}`);
    setRuntime(
      new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'listContainers') return async () => Promise.reject(failure);
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
    const lines: string[] = [];
    try {
      // A dropped connection: retryable, so the operation waits for its next attempt.
      failure = Object.assign(new Error(`connect ECONNREFUSED, password ${secret}`), { code: 'ECONNREFUSED' });
      const transient = await requestOperation(user, 'leaky', 'stop', {});
      const first = await runOperation(transient.id, { attempt: 1, maxAttempts: 3, log: (l) => lines.push(l) }).catch((e) => e);
      expect(isColoError(first) && first.retryable).toBe(true);
      expect((await getOperation(user, transient.id)).operation.status).toBe('queued');
      // The failed attempt gave its lease back: the retry claims at once.

      // Anything else: terminal, recorded, VDC freed.
      failure = new Error(`container said: password is ${secret}`);
      const err = await runOperation(transient.id, { attempt: 2, maxAttempts: 3, log: (l) => lines.push(l) }).catch((e) => e);
      expect(isColoError(err) && err.retryable).toBe(false);
      expect(err.message).toContain('[secret]');
      const { operation, logs } = await getOperation(user, transient.id);
      expect(operation.status).toBe('failed');
      expect(operation.attempts).toBe(2);
      const everything = JSON.stringify({ operation, logs, lines, message: err.message });
      expect(everything).not.toContain(secret);
      expect(operation.error).toContain('[secret]');
    } finally {
      setRuntime(real);
    }
  });
});

describe('lost jobs', () => {
  it('re-enqueues open operations whose job Redis lost or closed, and leaves the rest', async () => {
    await createVdc(user, manifestOf('lost'));
    await queue.obliterate({ force: true });
    // A job a worker completed without the row being written (it died in between).
    const closed = await requestOperation(user, 'lost', 'start', {});
    const grabber = new Worker(t.queueName, null, { connection: redisConnection(), autorun: false });
    const job = await grabber.getNextJob('test-token');
    expect(job?.id).toBe(closed.id);
    await job!.moveToCompleted('done', 'test-token', false);
    await grabber.close();
    // A job Redis lost entirely.
    const missing = await requestOperation(user, 'lost', 'stop', {});
    await (await queue.getJob(missing.id))!.remove();
    const fine = await requestOperation(user, 'lost', 'stop', {});
    expect(await jobPresence(closed.id)).toBe('finished');
    expect(await jobPresence(missing.id)).toBe('missing');

    const requeued = await requeueLostOperations();
    expect(requeued).toEqual(expect.arrayContaining([missing.id, closed.id]));
    expect(requeued).not.toContain(fine.id);
    expect(await jobPresence(missing.id)).toBe('waiting');
    expect(await jobPresence(closed.id)).toBe('waiting');
    expect(await jobPresence(fine.id)).toBe('waiting');
    expect((await queue.getJob(missing.id))?.data).toEqual({ operationId: missing.id });
    expect(await requeueLostOperations()).toEqual([]);
  });
});
