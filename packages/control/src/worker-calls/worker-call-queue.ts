// The transport of worker calls: a BullMQ queue of this installation, the envelope a call travels
// in and the answer it comes back as. An error crosses as its ColoError code and message.
import { z } from 'zod';
import { engineConfig } from '../docker/engine-access';
import { ColoError, type ColoErrorCode } from '../errors';
import { operationsQueueName } from '../operations/queue';

/** Beside the operations queue, and never another installation's on the same Redis. */
export function workerCallsQueueName(): string {
  return `${operationsQueueName()}-calls-${engineConfig().instance}`;
}

/** At most this many events (about five per call) stay in the queue's event stream. */
export const WORKER_CALL_EVENTS_MAX = 500;

export const workerCallEnvelopeSchema = z.object({
  input: z.unknown(),
  /** Epoch ms after which the caller has stopped waiting for a worker to take the call: it is not run. */
  takeBy: z.number().int().positive(),
});
export type WorkerCallEnvelope = z.infer<typeof workerCallEnvelopeSchema>;

export interface WorkerCallError {
  code: ColoErrorCode;
  message: string;
  retryable: boolean;
  retryAfter?: number;
  issues?: ColoError['issues'];
  currentRevision?: number;
}

export type WorkerCallAnswer = { ok: true; value: unknown } | { ok: false; error: WorkerCallError };

export function errorAnswer(error: ColoError): WorkerCallAnswer {
  const { code, message, retryable, retryAfter, issues, currentRevision } = error;
  return { ok: false, error: { code, message, retryable, retryAfter, issues, currentRevision } };
}

/** The ColoError the handler threw, as the caller sees it: same code, same message. */
export function answerError(e: WorkerCallError): ColoError {
  return new ColoError(e.code, e.message, { retryable: e.retryable, retryAfter: e.retryAfter, issues: e.issues, currentRevision: e.currentRevision });
}
