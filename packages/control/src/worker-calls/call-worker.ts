// The web side of worker calls: put the call on the installation's queue and wait for its answer.
// A call no worker takes within `answerMs` is taken back (and refused by a worker that finds it
// later), so a worker that starts late never does what nobody waits for any more.
import type { EventEmitter } from 'node:events';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { ColoError, parseInput } from '../errors';
import { randomAlphanumeric } from '../ids';
import { redisConnection } from '../operations/queue';
import { WORKER_CALLS, type WorkerCallInput, type WorkerCallName, type WorkerCallOutput } from './worker-call-registry';
import { answerError, WORKER_CALL_EVENTS_MAX, type WorkerCallAnswer, type WorkerCallEnvelope, workerCallsQueueName } from './worker-call-queue';

/** How long a worker has to take a call before the caller gives up on it. */
export const DEFAULT_ANSWER_MS = 10_000;

export interface CallWorkerOptions {
  /** How long a worker has to take the call (default 10 s). */
  answerMs?: number;
  /** How long the whole call may take (the call's own bound unless told). */
  timeoutMs?: number;
}

interface Channel {
  queue: Queue;
  /** Reads the queue's events from where the stream ended when it was made: no answer to a later call is missed. */
  events: Promise<QueueEvents>;
}

const holder = globalThis as typeof globalThis & { __coloWorkerCalls?: Channel };

function channel(): Channel {
  if (!holder.__coloWorkerCalls) {
    const name = workerCallsQueueName();
    const queue = new Queue(name, { connection: redisConnection(), streams: { events: { maxLen: WORKER_CALL_EVENTS_MAX } } });
    queue.on('error', () => {});
    const events = (async () => {
      const probe = new Redis({ ...redisConnection(), maxRetriesPerRequest: 2 });
      probe.on('error', () => {});
      const [last] = await probe.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1).finally(() => probe.disconnect());
      const reader = new QueueEvents(name, { connection: redisConnection(), lastEventId: last?.[0] ?? '0-0' });
      reader.on('error', () => {});
      await reader.waitUntilReady();
      return reader;
    })();
    holder.__coloWorkerCalls = { queue, events };
    // Redis was away: the next call tries again with a new channel.
    events.catch(() => {
      if (holder.__coloWorkerCalls?.events === events) holder.__coloWorkerCalls = undefined;
      void queue.close().catch(() => {});
    });
  }
  return holder.__coloWorkerCalls;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Asks the worker to run `name` and waits for its answer; the handler's ColoError comes back as it was. */
export async function callWorker<N extends WorkerCallName>(name: N, input: WorkerCallInput<N>, options: CallWorkerOptions = {}): Promise<WorkerCallOutput<N>> {
  const call = WORKER_CALLS[name];
  const checked = parseInput(call.input, input, 'input');
  const timeoutMs = options.timeoutMs ?? call.timeoutMs;
  const answerMs = Math.min(options.answerMs ?? DEFAULT_ANSWER_MS, timeoutMs);
  const { queue, events: eventsReady } = channel();
  const jobId = `call_${randomAlphanumeric(24)}`;
  return new Promise<WorkerCallOutput<N>>((resolve, reject) => {
    // Per-job events (`completed:<id>`) are emitted by QueueEvents but not in its typed listener map.
    let events: EventEmitter | undefined;
    let taken = false;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(answerTimer);
      clearTimeout(doneTimer);
      events?.off(`active:${jobId}`, onActive);
      events?.off(`completed:${jobId}`, onCompleted);
      events?.off(`failed:${jobId}`, onFailed);
      fn();
    };
    const onActive = () => {
      taken = true;
    };
    const onCompleted = ({ returnvalue }: { returnvalue: unknown }) => {
      const answer = returnvalue as WorkerCallAnswer;
      finish(() => (answer?.ok ? resolve(answer.value as WorkerCallOutput<N>) : reject(answerError(answer.error))));
    };
    const onFailed = ({ failedReason }: { failedReason: string }) => {
      // Handlers answer their errors; a call fails only when its worker died under it (never run twice).
      const stalled = /stalled/i.test(failedReason);
      finish(() => reject(stalled ? new ColoError('worker_unavailable', `the worker stopped while running ${name}: try again`) : new ColoError('internal', `the worker failed ${name}: ${failedReason}`)));
    };
    const answerTimer = setTimeout(() => {
      if (taken) return;
      finish(() => reject(new ColoError('worker_unavailable', `the worker did not answer within ${seconds(answerMs)}: is it running?`, { retryAfter: 5 })));
      void queue.remove(jobId).catch(() => {});
    }, answerMs);
    const doneTimer = setTimeout(() => {
      finish(() => reject(new ColoError('worker_unavailable', `the worker did not finish ${name} within ${seconds(timeoutMs)}`, { retryAfter: 5 })));
    }, timeoutMs);
    const envelope: WorkerCallEnvelope = { input: checked, takeBy: Date.now() + answerMs };
    eventsReady
      .then((reader) => {
        if (settled) return;
        events = reader as unknown as EventEmitter;
        events.on(`active:${jobId}`, onActive);
        events.on(`completed:${jobId}`, onCompleted);
        events.on(`failed:${jobId}`, onFailed);
        return queue.add(name, envelope, { jobId, attempts: 1, removeOnComplete: true, removeOnFail: true });
      })
      .catch((error: unknown) => finish(() => reject(new ColoError('worker_unavailable', `could not reach the worker: ${(error as Error).message}`))));
  });
}

/** Closes this process's connections for worker calls (shutdown). */
export async function closeWorkerCalls(): Promise<void> {
  const c = holder.__coloWorkerCalls;
  holder.__coloWorkerCalls = undefined;
  if (!c) return;
  await Promise.allSettled([c.events.then((e) => e.close()), c.queue.close()]);
}
