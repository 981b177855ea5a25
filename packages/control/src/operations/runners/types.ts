import type { Operation, Revision, Vdc, VdcState } from '@colo/db';
import type { OperationRecorder } from '../recorder';

export interface RunnerContext {
  op: Operation;
  vdc: Vdc;
  revision: Revision | null;
  recorder: OperationRecorder;
  /** Called right before the first change to Docker: a failure after it leaves the VDC `failed`. */
  beginChanges(): void;
}

export interface RunnerOutcome {
  state?: VdcState;
  /** A deploy sets it; destroy clears it (null). */
  deployedRevisionId?: string | null;
}

export type Runner = (ctx: RunnerContext) => Promise<RunnerOutcome>;
