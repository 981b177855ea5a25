// The JSON shapes the deploy components read from the REST API (docs/contracts.md), as the
// browser sees them: dates are strings. Kept apart from @colo/control, which is server code.

export type NodeLiveState = 'absent' | 'creating' | 'starting' | 'healthy' | 'unhealthy' | 'stopped';

export interface NodeLive {
  state: NodeLiveState;
  running: number;
  desired: number;
}

export interface ContainerStatusBody {
  id: string;
  name: string;
  replica: number;
  state: string;
  health: string;
  restarts?: number;
  ports: { terminal: string; host: string; port: number }[];
}

export interface ApplianceStatusBody {
  name: string;
  class: string;
  replicas: { desired: number; running: number };
  state: string;
  containers: ContainerStatusBody[];
}

export interface VdcBody {
  id: string;
  name: string;
  state: string;
  revision: number;
  deployedRevisionId: string | null;
  busy: boolean;
}

/** The `/vdcs/:name/status` body. */
export interface VdcStatusBody {
  vdc: VdcBody;
  appliances: ApplianceStatusBody[];
}

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepBody {
  key: string;
  title: string;
  status: StepStatus | string;
  error: string | null;
  /** Set by the events stream: the appliance a step works on, when it works on one. */
  appliance?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
}

export type OperationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface OperationBody {
  id: string;
  vdc: string;
  kind: string;
  status: OperationStatus | string;
  progress: number;
  error: string | null;
  revision?: number | null;
  steps: StepBody[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface LogLineBody {
  seq: number;
  at: string;
  message: string;
}

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

export function isActive(op: Pick<OperationBody, 'status'> | undefined): boolean {
  return op?.status === 'queued' || op?.status === 'running';
}
