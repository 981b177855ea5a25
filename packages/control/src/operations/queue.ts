// The transport of operations: a BullMQ queue whose job id IS the operation id. Postgres stays
// the record; this module is the only one in control that knows BullMQ exists.
import { getPrisma } from '@colo/db';
import { Queue } from 'bullmq';
import { z } from 'zod';
import { controlEnv, controlEnvironment } from '../config';

export const OPERATIONS_QUEUE = 'colo-operations';

export const operationJobSchema = z.object({ operationId: z.string().regex(/^op_[a-z0-9]{6,40}$/) }).strict();
export type OperationJob = z.infer<typeof operationJobSchema>;

/** Attempts per job, counting the first: transient failures (Docker restarting) get this many tries. */
export const MAX_ATTEMPTS = 4;

export const operationJobOptions = {
  attempts: MAX_ATTEMPTS,
  backoff: { type: 'exponential' as const, delay: 3000 },
  // Finished jobs are not the record (Postgres is); keep a few for debugging only.
  removeOnComplete: { age: 3600, count: 500 },
  removeOnFail: { age: 24 * 3600, count: 1000 },
};

/** Connection settings for BullMQ from REDIS_URL, as a plain object the worker can share. */
export function redisConnection(url: string = controlEnv().REDIS_URL) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking commands must not time out; required for workers, harmless for queues.
    maxRetriesPerRequest: null,
  };
}

/** Lets tests point the queue at a name of their own so parallel runs do not share jobs. */
export function operationsQueueName(): string {
  return controlEnvironment().COLO_QUEUE_NAME || OPERATIONS_QUEUE;
}

const holder = globalThis as typeof globalThis & { __coloQueue?: Queue };

function queue(): Queue {
  holder.__coloQueue ??= new Queue(operationsQueueName(), { connection: redisConnection() });
  return holder.__coloQueue;
}

export async function enqueueOperation(operationId: string): Promise<void> {
  const data: OperationJob = { operationId };
  await queue().add('operation', data, { ...operationJobOptions, jobId: operationId });
}

export type JobPresence = 'waiting' | 'active' | 'delayed' | 'finished' | 'missing';

export async function jobPresence(operationId: string): Promise<JobPresence> {
  const job = await queue().getJob(operationId);
  if (!job) return 'missing';
  const state = await job.getState();
  if (state === 'completed' || state === 'failed') return 'finished';
  if (state === 'active') return 'active';
  if (state === 'delayed') return 'delayed';
  if (state === 'unknown') return 'missing';
  return 'waiting';
}

/**
 * Operations Postgres calls queued or running whose job Redis lost (flushed, evicted) or already
 * closed (the worker died between finishing the job and writing the row): enqueued again under
 * the same id. Returns the ids it re-enqueued.
 */
export async function requeueLostOperations(): Promise<string[]> {
  const open = await getPrisma().operation.findMany({
    where: { status: { in: ['queued', 'running'] } },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  const requeued: string[] = [];
  for (const { id } of open) {
    const presence = await jobPresence(id);
    if (presence !== 'missing' && presence !== 'finished') continue;
    // A closed job keeps its id taken: remove it, or add() would silently do nothing.
    if (presence === 'finished') await (await queue().getJob(id))?.remove();
    await enqueueOperation(id);
    requeued.push(id);
  }
  return requeued;
}

export async function closeQueue(): Promise<void> {
  const q = holder.__coloQueue;
  holder.__coloQueue = undefined;
  await q?.close();
}
