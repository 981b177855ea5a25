// The JSON shapes the deploy components read from the REST API (docs/contracts.md), as the
// browser sees them: dates are strings. Kept apart from @colo/control, which is server code;
// the status answer is the contract's (@colo/api).
import type { ApplianceStatus, ContainerStatus, LogLine, Operation, OperationStep, VdcRef, VdcStatus } from '@colo/api';

/**
 * `flagged`: stopped by the flap guard for failing too often (a deploy or start clears it);
 * `failed`: the last operation failed on this appliance (its reason says why; the next one clears it).
 */
export type NodeLiveState = 'absent' | 'creating' | 'starting' | 'healthy' | 'unhealthy' | 'stopped' | 'flagged' | 'failed';

export interface NodeLive {
  state: NodeLiveState;
  running: number;
  desired: number;
  /** Why it is not right, from status: "failed 3 times in 24h (last: out of memory)". */
  reason?: string;
  /** What its replicas use now, from the newest metrics sample (the canvas gauge). */
  usage?: NodeUsage;
}

/** Summed over an appliance's replicas: CPU in cores, memory in bytes (limit: the sum of theirs). */
export interface NodeUsage {
  cpu: number;
  memoryUsed: number;
  memoryLimit: number;
}

/** A container as `/vdcs/:name/status` lists it: the contract's. */
export type ContainerStatusBody = ContainerStatus;

/** An appliance as `/vdcs/:name/status` lists it: the contract's. */
export type ApplianceStatusBody = ApplianceStatus;

/** The VDC in a status answer: the contract's reference, with what this server always sends. */
export type VdcBody = VdcRef & { id: string; state: string; revision: number; deployedRevisionId: string | null; busy: boolean };

/** The `/vdcs/:name/status` body: the contract's. */
export type VdcStatusBody = VdcStatus & { vdc: VdcBody };

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** An operation's step: the contract's, with what this server always sends. */
export type StepBody = OperationStep & {
  status: StepStatus | string;
  error: string | null;
  /** Set by the events stream: the appliance a step works on, when it works on one. */
  appliance?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
};

export type OperationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** An operation as the API answers it: the contract's, with what this server always sends. */
export type OperationBody = Operation & {
  vdc: string;
  status: OperationStatus | string;
  progress: number;
  error: string | null;
  revision?: number | null;
  /** What was asked (`{ snapshot }`, `{ name, snapshot? }`, `{ entryId, … }`), as the server stored it. */
  params?: unknown;
  steps: StepBody[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** A log line: the contract's, always dated. */
export type LogLineBody = LogLine & { at: string };

export type PlanAction = 'create' | 'recreate' | 'remove' | 'start' | 'reconfigure';

export interface PlanStepBody {
  id: string;
  action: PlanAction;
  kind: 'network' | 'volume' | 'container' | 'listener';
  name: string;
  appliance?: string;
  reason: string;
}

export interface PlanBody {
  steps: PlanStepBody[];
  summary: Record<PlanAction, number>;
}

/** A failed operation's one line: the plain words when the server explained it, else its raw error. */
export function failureText(op: Pick<OperationBody, 'error' | 'failure'>): string | null {
  return op.failure?.message ?? op.error ?? null;
}

export function isActive(op: Pick<OperationBody, 'status'> | undefined): boolean {
  return op?.status === 'queued' || op?.status === 'running';
}
