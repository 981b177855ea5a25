// The worker side of worker calls: takes each call off the installation's queue, checks its input
// against the call's schema again, runs it with this process's runtime and answers. A handler's
// error is answered, not thrown, so it reaches the caller as the same ColoError.
import type { Runtime } from '@colo/engine';
import { type Job, Worker } from 'bullmq';
import { getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { toColoError } from '../operations/classify-error';
import { redisConnection } from '../operations/queue';
import { TerminalRelays } from '../terminal/terminal-relay';
import { isWorkerCallName, WORKER_CALLS } from './worker-call-registry';
import { errorAnswer, type WorkerCallAnswer, workerCallEnvelopeSchema, workerCallsQueueName } from './worker-call-queue';

export interface WorkerCallServer {
  /** Waits up to `graceMs` for calls under way, then hangs up every relayed terminal. */
  close(graceMs?: number): Promise<void>;
}

export interface ServeWorkerCallsOptions {
  /** The runtime calls run with: this process's unless told (a test gives the real one here). */
  runtime?: Runtime;
  concurrency?: number;
  log?: (line: string) => void;
}

export async function serveWorkerCalls(options: ServeWorkerCallsOptions = {}): Promise<WorkerCallServer> {
  const ctx = { runtime: options.runtime ?? getRuntime(), relays: new TerminalRelays() };
  const worker = new Worker(workerCallsQueueName(), (job: Job) => answer(job, ctx), {
    connection: redisConnection(),
    concurrency: options.concurrency ?? 16,
    // A call is never run twice: one whose worker died fails, and its caller hears of it.
    maxStalledCount: 0,
  });
  worker.on('error', (err) => options.log?.(`worker calls: ${err.message}`));
  await worker.waitUntilReady();
  return {
    async close(graceMs = 10_000) {
      const closing = worker.close();
      const timedOut = await Promise.race([closing.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
      if (timedOut) await worker.close(true);
      await ctx.relays.closeAll();
    },
  };
}

async function answer(job: Job, ctx: { runtime: Runtime; relays: TerminalRelays }): Promise<WorkerCallAnswer> {
  try {
    if (!isWorkerCallName(job.name)) throw new ColoError('bad_request', `the worker has no call "${job.name}"`);
    const envelope = workerCallEnvelopeSchema.safeParse(job.data);
    if (!envelope.success) throw new ColoError('bad_request', `worker call ${job.name}: malformed envelope`);
    if (Date.now() > envelope.data.takeBy) throw new ColoError('worker_unavailable', `worker call ${job.name} came too late: its caller stopped waiting`);
    const call = WORKER_CALLS[job.name];
    const input = call.input.safeParse(envelope.data.input);
    if (!input.success) {
      const first = input.error.issues[0];
      throw new ColoError('bad_request', `${first?.path.join('.') || 'input'}: ${first?.message ?? 'invalid'}`);
    }
    // The registry's calls differ in input; each parsed its own.
    const value = await (call.run as (i: unknown, c: typeof ctx) => Promise<unknown>)(input.data, ctx);
    return { ok: true, value };
  } catch (error) {
    return errorAnswer(toColoError(error));
  }
}
