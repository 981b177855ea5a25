// The Docker calls the swarm deployer makes, all to the manager Colo already talks to: nothing
// here reaches another node (per-node work waits for the node agent). Like the single-host
// `Runtime`, a small interface so the planner and its tests need no dockerode.
import type { SwarmNetworkSpec, SwarmServiceSpec } from './swarm-types';

export interface SwarmServiceInfo {
  ID: string;
  Version: { Index: number };
  Spec: SwarmServiceSpec;
  /** The last rolling update: `paused` when a new task failed (UpdateConfig.FailureAction). */
  UpdateStatus?: { State?: string; Message?: string };
}

export interface SwarmTaskInfo {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  /** ContainerStatus once the node made the task's container: where per-node work finds it. */
  Status: { State: string; Err?: string; Message?: string; Timestamp?: string; ContainerStatus?: { ContainerID?: string } };
  Spec: { ContainerSpec?: { Labels?: Record<string, string> } };
}

export interface SwarmNodeRecord {
  ID: string;
  Description: { Hostname: string };
  Spec: { Role: string; Availability: string; Labels?: Record<string, string> };
  Status: { State: string; Addr?: string };
}

export interface SwarmInfo {
  /** `active` when the daemon is part of a swarm. */
  localNodeState: string;
  controlAvailable: boolean;
  nodeId: string;
}

export interface SwarmApi {
  info(): Promise<SwarmInfo>;
  listNodes(): Promise<SwarmNodeRecord[]>;
  listServices(labels: string[]): Promise<SwarmServiceInfo[]>;
  inspectService(name: string): Promise<SwarmServiceInfo | undefined>;
  createService(spec: SwarmServiceSpec): Promise<string>;
  updateService(id: string, version: number, spec: SwarmServiceSpec): Promise<void>;
  /** Resolves when gone; a service already gone counts as removed. */
  removeService(name: string): Promise<void>;
  listTasks(filters: { service?: string[]; desiredState?: string[] }): Promise<SwarmTaskInfo[]>;
  listNetworks(labels: string[]): Promise<{ Id: string; Name: string; Labels: Record<string, string> }[]>;
  createNetwork(spec: SwarmNetworkSpec): Promise<void>;
  /** A network already gone counts as removed; one still in use throws (code `conflict`). */
  removeNetwork(name: string): Promise<void>;
}
