// The Swarm objects a VDC should have (services and overlay networks) and what the manager
// reports back: the shapes the deployer's planner compares. Field names follow Docker's API
// (1.41), so a spec goes to the manager as it is.
import type { VdcIdentity } from '../../desired/types';

export interface SwarmMount {
  Type: 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  /** Labels for a volume a node creates; a share's client volume also its driver (a local bind) and NoCopy. */
  VolumeOptions?: { Labels?: Record<string, string>; NoCopy?: boolean; DriverConfig?: { Name: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface SwarmHealthCheck {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

export interface SwarmContainerSpec {
  Image: string;
  Labels: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname: string;
  Env: string[];
  Dir?: string;
  User?: string;
  ReadOnly: boolean;
  Mounts: SwarmMount[];
  StopGracePeriod: number;
  StopSignal?: string;
  HealthCheck?: SwarmHealthCheck;
  Init?: boolean;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
}

export interface SwarmPortConfig {
  Protocol: 'tcp';
  TargetPort: number;
  PublishedPort: number;
  PublishMode: 'host';
}

/** Docker's ServiceSpec, the parts Colo sets. */
export interface SwarmServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: SwarmContainerSpec;
    Resources: { Limits: { NanoCPUs: number; MemoryBytes: number; Pids: number } };
    RestartPolicy: { Condition: 'any'; Delay: number; MaxAttempts: number };
    Placement: { Constraints: string[] };
    Networks: { Target: string; Aliases: string[] }[];
    /** Bumped to roll the tasks out again with an unchanged spec (a paused update resumed). */
    ForceUpdate?: number;
    LogDriver?: { Name: string; Options: Record<string, string> };
  };
  Mode: { Replicated: { Replicas: number } };
  UpdateConfig: { Parallelism: number; Delay: number; FailureAction: 'pause'; Monitor: number; Order: 'start-first' | 'stop-first' };
  EndpointSpec: { Mode: 'dnsrr'; Ports?: SwarmPortConfig[] };
}

export interface SwarmNetworkSpec {
  Name: string;
  Driver: 'overlay';
  Internal: boolean;
  Attachable: true;
  Labels: Record<string, string>;
}

/** The spec parts hashed separately, so a plan says "changed: env". */
export type ServiceSpecPart = 'image' | 'env' | 'mounts' | 'networks' | 'resources' | 'health' | 'runtime' | 'placement' | 'ports';

/** Where a service's tasks may run, and why (for the plan). */
export interface ServicePlacement {
  /** Swarm node id it is pinned to; undefined: anywhere (Swarm spreads its replicas). */
  nodeId?: string;
  /** More Swarm constraints when not pinned: the manifest's node choice, failover groups (placement-rules). */
  constraints?: string[];
  reason: string;
}

export interface DesiredService {
  name: string;
  appliance: string;
  kind: 'appliance' | 'listener';
  /** Replicas while the VDC runs (standby appliances: created at 0, this many once started). */
  replicas: number;
  standby: boolean;
  /** Appliances that must run before this one starts (boot order). */
  after: string[];
  placement: ServicePlacement;
  spec: SwarmServiceSpec;
  specHash: string;
  specParts: Record<ServiceSpecPart, string>;
  /** How long its tasks get to run (and pass their health check). */
  healthTimeoutMs: number;
}

export interface DesiredSwarmNetwork {
  name: string;
  purpose: string;
  spec: SwarmNetworkSpec;
}

/** Holds container env, secrets included: never log it. */
export interface DesiredSwarm {
  vdc: VdcIdentity;
  instance: string;
  revisionId: string;
  networks: DesiredSwarmNetwork[];
  services: DesiredService[];
  /** Hardening Swarm cannot express, and placement rules, in words for the plan. */
  notes: string[];
}

export interface SwarmNodeInfo {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  /** `ready` and availability `active`: it takes new tasks. */
  schedulable: boolean;
  state: string;
  availability: string;
  addr: string;
  /** The node's labels (`docker node update --label-add`), for `label:key=value` choices. */
  labels?: Record<string, string>;
}

export interface ActualService {
  id: string;
  version: number;
  name: string;
  labels: Record<string, string>;
  replicas: number;
  spec: SwarmServiceSpec;
  /** A rolling update that stopped half-way (`paused`, `rollback_paused`), with Swarm's words. */
  stalledUpdate?: string;
}

export interface ActualSwarm {
  services: ActualService[];
  networks: { id: string; name: string; labels: Record<string, string> }[];
  nodes: SwarmNodeInfo[];
  /** Colo tasks (of any VDC of this installation) meant to run, per node id. */
  coloTasksPerNode: Map<string, number>;
  /** The node Colo talks to. */
  managerNodeId: string;
  /** Service name → node ids its running tasks are on (failover groups keep partners apart). */
  serviceNodes?: Map<string, string[]>;
}
