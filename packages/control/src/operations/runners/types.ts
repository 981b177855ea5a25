import type { Operation, Revision, Vdc, VdcState } from '@colo/db';
import type { Runtime } from '@colo/engine';
import type { RunFence } from '../fence';
import type { OperationRecorder } from '../recorder';

export interface RunnerContext {
  op: Operation;
  vdc: Vdc;
  revision: Revision | null;
  recorder: OperationRecorder;
  /** This run's fence: database writes of the runner go through `withFence(lease, …)`. */
  lease: RunFence;
  /** Docker for this run: every change first checks that the run still holds the operation. */
  runtime: Runtime;
  /** Another engine (a swarm node's) under the same check as `runtime`. */
  fence(runtime: Runtime): Runtime;
  /** Aborted when the run lost its lease: stop waiting and scheduling. */
  signal: AbortSignal;
  /** Called right before the first change to Docker: a failure after it leaves the VDC `failed`. */
  beginChanges(): void;
}

export interface RunnerOutcome {
  state?: VdcState;
  /** A deploy sets it; destroy clears it (null). */
  deployedRevisionId?: string | null;
}

export type Runner = (ctx: RunnerContext) => Promise<RunnerOutcome>;
