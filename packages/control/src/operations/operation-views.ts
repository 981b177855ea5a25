// What the API shows of an operation, its steps and its log lines.
import type { Operation, OperationLog, OperationStep } from '@colo/db';
import { explainFailure, type FailureExplanation, manifestNaming } from '../failures/explain-failure';

export interface StepView {
  key: string;
  title: string;
  status: string;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface OperationView {
  id: string;
  vdc: string;
  kind: string;
  status: string;
  progress: number;
  error: string | null;
  errorCode: string | null;
  params: unknown;
  /** What it produced once succeeded: `{ snapshot }`, `{ vdc, deployOperation, ports }` for a clone… */
  result: unknown;
  /** The revision a deploy applies (number), null for other kinds. */
  revision: number | null;
  attempts: number;
  /** A failed operation in words a person can act on (the raw error is its `details`). */
  failure: FailureView | null;
  steps: StepView[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface FailureView extends FailureExplanation {
  /** What Retry runs again: the revision this deploy applied (null for other kinds). */
  retryRevision: number | null;
  /** The revision the last successful deploy applied, when it is not this one: Roll back's target. */
  rollbackRevision: number | null;
}

/** What operationView reads to explain a failure; the views that do not include it get none. */
export interface FailureContext {
  dockerKey: string;
  /** The number of the revision the VDC's last successful deploy applied. */
  deployedRevision: number | null;
}

export interface LogLineView {
  seq: number;
  at: Date;
  message: string;
}

type ViewedOperation = Operation & { steps?: OperationStep[]; vdc: { name: string }; revision?: { number: number; manifest?: unknown } | null };

export function operationView(op: ViewedOperation, context?: FailureContext): OperationView {
  return {
    id: op.id,
    vdc: op.vdc.name,
    kind: op.kind,
    status: op.status,
    progress: op.progress,
    error: op.error,
    errorCode: op.errorCode,
    params: op.params,
    result: op.result ?? null,
    revision: op.revision?.number ?? null,
    attempts: op.attempts,
    failure: context ? failureView(op, context) : null,
    steps: (op.steps ?? [])
      .slice()
      .sort((a, b) => a.order - b.order)
      .map((s) => ({ key: s.key, title: s.title, status: s.status, error: s.error, startedAt: s.startedAt, finishedAt: s.finishedAt })),
    createdAt: op.createdAt,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
  };
}

function failureView(op: ViewedOperation, context: FailureContext): FailureView | null {
  if (op.status !== 'failed') return null;
  const explained = explainFailure({
    error: op.error,
    errorCode: op.errorCode,
    steps: op.steps ?? [],
    dockerKey: context.dockerKey,
    ...manifestNaming(op.revision?.manifest),
  });
  if (!explained) return null;
  const revision = op.kind === 'deploy' ? (op.revision?.number ?? null) : null;
  const rollback = op.kind === 'deploy' && context.deployedRevision !== null && context.deployedRevision !== revision ? context.deployedRevision : null;
  return { ...explained, retryRevision: revision, rollbackRevision: rollback };
}

export function logLineView(line: OperationLog): LogLineView {
  return { seq: Number(line.seq), at: line.at, message: line.message };
}
