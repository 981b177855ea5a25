// What the API shows of an operation, its steps and its log lines.
import type { Operation, OperationLog, OperationStep } from '@colo/db';

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
  steps: StepView[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface LogLineView {
  seq: number;
  at: Date;
  message: string;
}

export function operationView(
  op: Operation & { steps?: OperationStep[]; vdc: { name: string }; revision?: { number: number } | null },
): OperationView {
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
    steps: (op.steps ?? [])
      .slice()
      .sort((a, b) => a.order - b.order)
      .map((s) => ({ key: s.key, title: s.title, status: s.status, error: s.error, startedAt: s.startedAt, finishedAt: s.finishedAt })),
    createdAt: op.createdAt,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
  };
}

export function logLineView(line: OperationLog): LogLineView {
  return { seq: Number(line.seq), at: line.at, message: line.message };
}
