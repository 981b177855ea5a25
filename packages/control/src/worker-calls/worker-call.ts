// What a worker call is: a named, fixed function the web process may ask the worker (the one
// process holding the Docker socket) to run, with the zod schema its input must pass on both
// sides and how long the caller waits for it.
import type { Runtime } from '@colo/engine';
import type { z } from 'zod';
import type { TerminalRelays } from '../terminal/terminal-relay';

/** What a handler runs with in the worker: its Docker runtime and the terminals it relays. */
export interface WorkerCallContext {
  runtime: Runtime;
  relays: TerminalRelays;
}

export interface WorkerCall<I extends z.ZodType, O> {
  input: I;
  /** How long the caller waits for the answer once the worker has taken the call. */
  timeoutMs: number;
  run(input: z.output<I>, ctx: WorkerCallContext): Promise<O>;
}

/** Declares a worker call (the input and the answer's types follow from the schema and `run`). */
export function workerCall<I extends z.ZodType, O>(call: WorkerCall<I, O>): WorkerCall<I, O> {
  return call;
}
