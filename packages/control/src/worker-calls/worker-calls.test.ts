// Worker calls on the real Redis queue: a call no worker takes fails in a bounded time with a
// clear error and is never run later; a handler's error reaches the caller with its code and
// message; the worker checks every input again, whatever the sender checked.
import { findPrototype } from '@colo/engine';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '../docker/engine-access';
import { redisConnection } from '../operations/queue';
import { type ControlTest, ensureSleeperImage, failure, setupControlTest } from '../testing';
import { callWorker } from './call-worker';
import { serveWorkerCalls } from './serve-worker-calls';
import { type WorkerCallAnswer, workerCallsQueueName } from './worker-call-queue';

let t: ControlTest;

beforeAll(async () => {
  t = await setupControlTest('worker-calls');
  await ensureSleeperImage();
}, 120_000);

afterAll(async () => {
  await t?.teardown();
});

describe('worker calls', () => {
  it('fail with a clear error when no worker answers, and are not run by a worker that comes later', async () => {
    const started = Date.now();
    const err = await failure(callWorker('prototype.open', { classId: 'sleeper', online: false }, { answerMs: 800 }));
    expect(err.code).toBe('worker_unavailable');
    expect(err.message).toBe('the worker did not answer within 0.8 s: is it running?');
    expect(Date.now() - started).toBeLessThan(5000);

    const late = await serveWorkerCalls();
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeUndefined();
    } finally {
      await late.close();
    }
  });

  it("answer with the handler's error, code and message as thrown, and check the input again in the worker", async () => {
    const server = await serveWorkerCalls();
    const queue = new Queue(workerCallsQueueName(), { connection: redisConnection() });
    const events = new QueueEvents(workerCallsQueueName(), { connection: redisConnection() });
    try {
      const unknown = await failure(callWorker('prototype.open', { classId: 'nope', online: false }));
      expect([unknown.code, unknown.message]).toEqual(['not_found', 'the catalog has no class "nope"']);
      // An engine error is told as it would be in-process (toColoError).
      const none = await failure(callWorker('prototype.run', { classId: 'sleeper', script: 'true' }));
      expect([none.code, none.message]).toEqual(['docker_error', 'class sleeper has no open prototype: open one first']);

      // What a sender that skipped the checks would put on the queue.
      await events.waitUntilReady();
      const raw = async (name: string, input: unknown) => {
        const job = await queue.add(name, { input, takeBy: Date.now() + 10_000 });
        return (await job.waitUntilFinished(events, 10_000)) as WorkerCallAnswer;
      };
      expect(await raw('prototype.run', { classId: 'sleeper', script: 5 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^script: /) } });
      expect(await raw('prototype.open', { classId: '../etc', online: true })).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'classId: must be a class id' } });
      expect(await raw('docker.exec', { cmd: ['sh'] })).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'the worker has no call "docker.exec"' } });
      expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeUndefined();
    } finally {
      await events.close();
      await queue.close();
      await server.close();
    }
  });
});
